import { Injectable } from '@nestjs/common';
import type { SmsSentEvent } from '@sms/contracts';
import type { InboundEvent, Rejection } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { AccountRepository } from '../accounts/account.repository';
import { LotRepository } from '../grants/lot.repository';
import { HoldRepository } from '../holds/hold.repository';
import { JournalWriter, NewJournalEntry } from '../journal/journal.writer';
import { ListAllocationRepository } from '../lists/list-allocation.repository';
import { BalanceChange, BalanceSignals } from '../monitors/balance-signals.service';

import { rateFor } from '../rates/rate-card';
import { RateCardRepository } from '../rates/rate-card.repository';
import { ChargeGroup, ChargeRepository, NewCharge } from './charge.repository';
import { countryOfNumber, countSegments } from '@sms/contracts';

// The sms.sent hot path. Work is per batch, never per message: one transaction, one lock and one
// balance update per account, bulk inserts for the per-message rows [PRODUCT: speed and scale].
@Injectable()
export class ChargingService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly charges: ChargeRepository,
    private readonly lots: LotRepository,
    private readonly holds: HoldRepository,
    private readonly lists: ListAllocationRepository,
    private readonly rateCards: RateCardRepository,
    private readonly journal: JournalWriter,
    private readonly signals: BalanceSignals,
  ) {}

  async chargeBatch(events: readonly InboundEvent<SmsSentEvent>[]): Promise<{ rejected: Rejection[] }> {
    const rejected: Rejection[] = [];
    await this.unitOfWork.run(async (tx) => {
      rejected.length = 0;
      const card = await this.rateCards.load(tx);
      const existing = await this.accounts.existing(
        tx,
        events.map((event) => event.payload.accountId),
      );
      const known: NewCharge[] = [];
      for (const event of events) {
        const sms = event.payload;
        if (!existing.has(sms.accountId)) {
          rejected.push({ event, reason: `unknown account ${sms.accountId}` });
          continue;
        }
        const segments = sms.segments ?? countSegments(sms.body ?? '').segments;
        const country = countryOfNumber(sms.to);
        const rate = rateFor(card, country);
        known.push({
          messageId: sms.messageId,
          accountId: sms.accountId,
          listId: sms.listId,
          campaignId: sms.campaignId,
          holdId: sms.holdId,
          to: sms.to,
          country,
          segments,
          rate,
          millicredits: segments * rate,
          sentAt: sms.sentAt,
        });
      }
      const applied = await this.charges.insertNew(tx, known);
      if (applied.length === 0) {
        return;
      }
      // The accounts are locked only now, so this batch's charge rows can go in while an earlier batch
      // for the same accounts is still finishing; everything from here on runs one batch at a time.
      const accounts = await this.accounts.lock(
        tx,
        applied.map((group) => group.accountId),
      );

      const perAccount = sumBy(applied, (g) => g.accountId);
      const perHold = sumBy(
        applied.filter((g) => g.holdId !== null),
        (g) => `${g.accountId}\u0000${g.holdId}`,
      );
      const consumed = await this.holds.consume(
        tx,
        [...perHold].map(([key, amount]) => {
          const [accountId, holdId] = key.split('\u0000');
          return { accountId, holdId, amount };
        }),
      );
      const settledPerAccount = sumBy(
        consumed,
        (c) => c.accountId,
        (c) => c.consumed,
      );

      await this.lots.spend(
        tx,
        [...perAccount].map(([accountId, amount]) => ({ accountId, amount })),
      );
      const after = await this.accounts.applyDeltas(
        tx,
        [...perAccount].map(([accountId, amount]) => ({
          accountId,
          balance: -amount,
          held: -(settledPerAccount.get(accountId) ?? 0),
        })),
      );

      const allocated = applied.filter(
        (g) => g.listId !== null && accounts.get(g.accountId)?.listMode === 'allocated',
      );
      await this.lists.take(
        tx,
        [...sumBy(allocated, (g) => `${g.accountId}\u0000${g.listId}`)].map(([key, amount]) => {
          const [accountId, listId] = key.split('\u0000');
          return { accountId, listId, amount, spent: amount };
        }),
      );

      await this.journal.append(tx, [...chargeEntries(applied), ...settleEntries(consumed)]);

      const changes: BalanceChange[] = [...after].map(([accountId, balances]) => {
        const account = accounts.get(accountId)!;
        return {
          accountId,
          homeCountry: account.homeCountry,
          balanceBefore: account.balanceMillicredits,
          balanceAfter: balances.balance,
          heldAfter: balances.held,
          wasDepleted: account.depleted,
        };
      });
      await this.signals.afterChanges(tx, changes, card);
    });
    return { rejected };
  }
}

function sumBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  amount?: (item: T) => number,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    sums.set(
      k,
      (sums.get(k) ?? 0) + (amount ? amount(item) : (item as { millicredits: number }).millicredits),
    );
  }
  return sums;
}

// One journal entry per account, list and campaign per batch: the per-message detail is in the
// charge rows, which the entry references by batch.
function chargeEntries(applied: readonly ChargeGroup[]): NewJournalEntry[] {
  const entries = new Map<string, { first: ChargeGroup; amount: number; messages: number }>();
  for (const group of applied) {
    const key = `${group.accountId}\u0000${group.listId ?? ''}\u0000${group.campaignId ?? ''}`;
    const entry = entries.get(key) ?? { first: group, amount: 0, messages: 0 };
    entry.amount += group.millicredits;
    entry.messages += group.messages;
    entries.set(key, entry);
  }
  return [...entries.values()].map(({ first, amount, messages }) => ({
    accountId: first.accountId,
    kind: 'sms_charge',
    amountMillicredits: -amount,
    listId: first.listId,
    campaignId: first.campaignId,
    reference: messages === 1 ? first.messageId : null,
    details: { messages },
    postings: [
      { ledgerAccount: 'balance', amountMillicredits: -amount },
      { ledgerAccount: 'usage', amountMillicredits: amount },
    ],
  }));
}

function settleEntries(
  consumed: readonly { holdId: string; accountId: string; consumed: number }[],
): NewJournalEntry[] {
  return consumed.map((c) => ({
    accountId: c.accountId,
    kind: 'hold_settle',
    amountMillicredits: 0,
    reference: c.holdId,
    postings: [
      { ledgerAccount: 'held', amountMillicredits: -c.consumed },
      { ledgerAccount: 'hold_reserve', amountMillicredits: c.consumed },
    ],
  }));
}
