import { randomUUID } from 'node:crypto';
import { Injectable, Logger, Inject } from '@nestjs/common';
import {
  CREDIT_SCALE,
  CreditsApplied,
  CreditsAppliedEvent,
  CreditsGrantedEvent,
  eventEnvelope,
} from '@sms/contracts';
import { InboundEvent, Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { AccountRepository } from '../accounts/account.repository';
import { JournalWriter, NewJournalEntry } from '../journal/journal.writer';
import { BalanceChange, BalanceSignals } from '../monitors/balance-signals.service';
import { RateCardRepository } from '../rates/rate-card.repository';
import { resolveExpiry } from './expiry-date';
import { LotRepository } from './lot.repository';

@Injectable()
export class GrantsService {
  private readonly logger = new Logger(GrantsService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly lots: LotRepository,
    private readonly rateCards: RateCardRepository,
    private readonly journal: JournalWriter,
    private readonly signals: BalanceSignals,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // One lot per order id (the unique order_id makes a redelivered grant a no-op). An account that
  // does not exist yet is created by its first grant.
  async applyGrants(events: readonly InboundEvent<CreditsGrantedEvent>[]): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const card = await this.rateCards.load(tx);
      for (const { payload } of events) {
        await this.accounts.ensure(tx, payload.accountId);
      }
      const accounts = await this.accounts.lock(
        tx,
        events.map((e) => e.payload.accountId),
      );
      const applied: CreditsAppliedEvent[] = [];
      const entries: NewJournalEntry[] = [];
      const changes = new Map<string, BalanceChange>();
      for (const { payload } of events) {
        const account = accounts.get(payload.accountId)!;
        const amount = payload.credits * CREDIT_SCALE;
        const expiry = resolveExpiry({
          rule: payload.expiry,
          defaultValidityDays: account.defaultValidityDays,
          timeZone: account.timeZone,
          grantedAt: new Date(payload.occurredAt),
        });
        // Deficit first: balance −200 and a grant of 10,000 leave 9,800 in the new lot [000].
        const netted = Math.min(Math.max(0, -account.balanceMillicredits), amount);
        const lotId = randomUUID();
        const inserted = await this.lots.insert(tx, {
          id: lotId,
          accountId: account.id,
          orderId: payload.orderId,
          source: payload.source,
          grantedMillicredits: amount,
          remainingMillicredits: amount - netted,
          expiryDate: expiry?.expiryDate ?? null,
          expiresAt: expiry?.expiresAt ?? null,
        });
        if (!inserted) {
          this.logger.log({ message: 'grant already applied', orderId: payload.orderId });
          continue;
        }
        if (expiry !== null && (payload.extendExisting ?? account.extendOnPurchase)) {
          await this.lots.extendExpiring(tx, { accountId: account.id, ...expiry });
        }
        entries.push({
          accountId: account.id,
          kind: 'grant',
          amountMillicredits: amount,
          reference: payload.orderId,
          details: { lotId, source: payload.source, expiryDate: expiry?.expiryDate ?? null },
          postings: [
            { ledgerAccount: 'balance', amountMillicredits: amount },
            { ledgerAccount: 'grants', amountMillicredits: -amount },
          ],
        });
        if (netted > 0) {
          // Memo entry: the balance already carries the deficit; this shows the new lot paying it.
          entries.push({
            accountId: account.id,
            kind: 'deficit_netting',
            amountMillicredits: 0,
            reference: payload.orderId,
            details: { lotId, nettedMillicredits: netted },
            postings: [
              { ledgerAccount: 'deficit', amountMillicredits: netted },
              { ledgerAccount: 'lot_funding', amountMillicredits: -netted },
            ],
          });
        }
        const before = changes.get(account.id)?.balanceBefore ?? account.balanceMillicredits;
        account.balanceMillicredits += amount;
        changes.set(account.id, {
          accountId: account.id,
          homeCountry: account.homeCountry,
          balanceBefore: before,
          balanceAfter: account.balanceMillicredits,
          heldAfter: account.heldMillicredits,
          wasDepleted: account.depleted,
        });
        applied.push({
          ...eventEnvelope(this.clock.now()),
          accountId: account.id,
          orderId: payload.orderId,
          lotId,
          source: payload.source,
          grantedMillicredits: amount,
          deficitNettedMillicredits: netted,
          balanceMillicredits: account.balanceMillicredits,
          expiresAt: expiry?.expiresAt.toISOString() ?? null,
        });
      }
      const totals = new Map<string, number>();
      for (const event of applied) {
        totals.set(event.accountId, (totals.get(event.accountId) ?? 0) + event.grantedMillicredits);
      }
      await this.accounts.applyDeltas(
        tx,
        [...totals].map(([accountId, balance]) => ({ accountId, balance, held: 0 })),
      );
      await this.journal.append(tx, entries);
      await this.outbox.add(tx, CreditsApplied, applied);
      await this.signals.afterChanges(tx, [...changes.values()], card);
    });
  }
}
