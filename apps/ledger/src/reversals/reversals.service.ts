import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { CreditsReinstatedEvent, CreditsReversedEvent } from '@sms/contracts';
import { Inbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { AccountRepository } from '../accounts/account.repository';
import { resolveExpiry } from '../grants/expiry-date';
import { deficitNettingEntries, fundNewLot } from '../lots/lot-funding';
import { LotRepository } from '../lots/lot.repository';
import { JournalWriter, NewJournalEntry } from '../journal/journal.writer';
import { BalanceChangeLog } from '../monitors/balance-change-log';
import { BalanceSignals } from '../monitors/balance-signals.service';
import { RateCardRepository } from '../rates/rate-card.repository';

// Credits of an order whose money went back (refund, card dispute) leave the balance, and come back
// if a dispute is won. A reversal takes from the order's own lot first, then from the other lots in
// the account's spending order; what the lots cannot cover leaves the balance negative, a deficit
// the next grant pays first [000]. Each reversal and reinstatement applies once (inbox).
@Injectable()
export class ReversalsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inbox: Inbox,
    private readonly accounts: AccountRepository,
    private readonly lots: LotRepository,
    private readonly rateCards: RateCardRepository,
    private readonly journal: JournalWriter,
    private readonly signals: BalanceSignals,
  ) {}

  async reverse(events: readonly CreditsReversedEvent[]): Promise<void> {
    await this.apply(
      events.map((e) => ({
        key: e.reversalId,
        accountId: e.accountId,
        delta: -e.reversedMillicredits,
        event: e,
      })),
      async (tx, { event }) => {
        const reversal = event;
        const amount = reversal.reversedMillicredits;
        const fromOrderLot = await this.lots.takeFromOrderLot(tx, reversal.orderId, amount);
        await this.lots.spend(tx, [{ accountId: reversal.accountId, amount: amount - fromOrderLot }]);
        return [
          {
            accountId: reversal.accountId,
            kind: 'reversal',
            amountMillicredits: -amount,
            reference: reversal.orderId,
            details: {
              reversalId: reversal.reversalId,
              reason: reversal.reason,
              fromOrderLotMillicredits: fromOrderLot,
            },
            postings: [
              { ledgerAccount: 'balance', amountMillicredits: -amount },
              { ledgerAccount: 'reversals', amountMillicredits: amount },
            ],
          },
        ];
      },
    );
  }

  async reinstate(events: readonly CreditsReinstatedEvent[]): Promise<void> {
    await this.apply(
      events.map((e) => ({
        key: e.reinstatementId,
        accountId: e.accountId,
        delta: e.reinstatedMillicredits,
        event: e,
      })),
      async (tx, { event, balanceBefore, account }) => {
        const reinstated = event;
        const amount = reinstated.reinstatedMillicredits;
        // Like a grant: a deficit is paid first, and the credits follow the account's validity.
        const funding = fundNewLot({ balanceBefore, amount });
        const expiry = resolveExpiry({
          rule: { kind: 'account_default' },
          defaultValidityDays: account.defaultValidityDays,
          timeZone: account.timeZone,
          grantedAt: new Date(reinstated.occurredAt),
        });
        const lotId = randomUUID();
        await this.lots.insert(tx, {
          id: lotId,
          accountId: account.id,
          orderId: null,
          source: 'adjustment',
          grantedMillicredits: amount,
          remainingMillicredits: funding.remainingMillicredits,
          expiryDate: expiry?.expiryDate ?? null,
          expiresAt: expiry?.expiresAt ?? null,
        });
        return [
          {
            accountId: account.id,
            kind: 'reinstatement',
            amountMillicredits: amount,
            reference: reinstated.orderId,
            details: { reinstatementId: reinstated.reinstatementId, reason: reinstated.reason, lotId },
            postings: [
              { ledgerAccount: 'balance', amountMillicredits: amount },
              { ledgerAccount: 'reversals', amountMillicredits: -amount },
            ],
          },
          ...deficitNettingEntries({
            accountId: account.id,
            reference: reinstated.orderId,
            lotId,
            nettedMillicredits: funding.nettedMillicredits,
          }),
        ];
      },
    );
  }

  private async apply<E>(
    items: { key: string; accountId: string; delta: number; event: E }[],
    effect: (
      tx: EntityManager,
      item: {
        event: E;
        balanceBefore: number;
        account: { id: string; defaultValidityDays: number | null; timeZone: string };
      },
    ) => Promise<NewJournalEntry[]>,
  ): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const fresh = await this.inbox.claim(
        tx,
        'credit-reversals',
        items.map((i) => i.key),
      );
      const todo = items.filter((i) => fresh.delete(i.key));
      if (todo.length === 0) {
        return;
      }
      const card = await this.rateCards.load(tx);
      for (const item of todo) {
        await this.accounts.ensure(tx, item.accountId);
      }
      const accounts = await this.accounts.lock(
        tx,
        todo.map((i) => i.accountId),
      );
      const entries: NewJournalEntry[] = [];
      const log = new BalanceChangeLog();
      for (const item of todo) {
        const account = accounts.get(item.accountId)!;
        entries.push(
          ...(await effect(tx, { event: item.event, balanceBefore: account.balanceMillicredits, account })),
        );
        log.record(account, item.delta);
      }
      await this.accounts.applyDeltas(tx, log.deltas());
      await this.journal.append(tx, entries);
      await this.signals.afterChanges(tx, log.balanceChanges(), card);
    });
  }
}
