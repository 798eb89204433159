import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CreditsApplied, CreditsAppliedEvent, CreditsGrantedEvent, eventEnvelope } from '@sms/contracts';
import { InboundEvent, Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { AccountRepository } from '../accounts/account.repository';
import { JournalWriter, NewJournalEntry } from '../journal/journal.writer';
import { BalanceChangeLog } from '../monitors/balance-change-log';
import { BalanceSignals } from '../monitors/balance-signals.service';
import { RateCardRepository } from '../rates/rate-card.repository';
import { resolveExpiry } from './expiry-date';
import { deficitNettingEntries, fundNewLot } from '../lots/lot-funding';
import { LotRepository } from '../lots/lot.repository';

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
      const log = new BalanceChangeLog();
      for (const { payload } of events) {
        const account = accounts.get(payload.accountId)!;
        const amount = payload.grantedMillicredits;
        const expiry = resolveExpiry({
          rule: payload.expiry,
          defaultValidityDays: account.defaultValidityDays,
          timeZone: account.timeZone,
          grantedAt: new Date(payload.occurredAt),
        });
        const { nettedMillicredits: netted, remainingMillicredits } = fundNewLot({
          balanceBefore: account.balanceMillicredits,
          amount,
        });
        const lotId = randomUUID();
        const inserted = await this.lots.insert(tx, {
          id: lotId,
          accountId: account.id,
          orderId: payload.orderId,
          source: payload.source,
          grantedMillicredits: amount,
          remainingMillicredits,
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
        entries.push(
          ...deficitNettingEntries({
            accountId: account.id,
            reference: payload.orderId,
            lotId,
            nettedMillicredits: netted,
          }),
        );
        log.record(account, amount);
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
      await this.accounts.applyDeltas(tx, log.deltas());
      await this.journal.append(tx, entries);
      await this.outbox.add(tx, CreditsApplied, applied);
      await this.signals.afterChanges(tx, log.balanceChanges(), card);
    });
  }
}
