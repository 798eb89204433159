import { Injectable } from '@nestjs/common';
import type { SmsSentEvent } from '@sms/contracts';
import type { InboundEvent, Rejection } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { AccountRepository } from '../accounts/account.repository';
import { LotRepository } from '../lots/lot.repository';
import { HoldRepository } from '../holds/hold.repository';
import { JournalWriter } from '../journal/journal.writer';
import { ListAllocationRepository } from '../lists/list-allocation.repository';
import { BalanceChange, BalanceSignals } from '../monitors/balance-signals.service';
import { RateCardRepository } from '../rates/rate-card.repository';
import { priceBatch } from './batch-pricing';
import {
  chargedPerAccount,
  chargedPerAllocatedList,
  chargedPerHold,
  chargeEntries,
  settleEntries,
  sumBy,
} from './charge-aggregation';
import { ChargeRepository } from './charge.repository';

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
    let rejected: Rejection[] = [];
    await this.unitOfWork.run(async (tx) => {
      const card = await this.rateCards.load(tx);
      const knownAccounts = await this.accounts.existing(
        tx,
        events.map((event) => event.payload.accountId),
      );
      const priced = priceBatch({ events, knownAccounts, card });
      rejected = priced.rejected;
      const applied = await this.charges.insertNew(tx, priced.charges);
      if (applied.length === 0) {
        return;
      }
      // The accounts are locked only now, so this batch's charge rows can go in while an earlier batch
      // for the same accounts is still finishing; everything from here on runs one batch at a time.
      const accounts = await this.accounts.lock(
        tx,
        applied.map((group) => group.accountId),
      );

      const perAccount = chargedPerAccount(applied);
      const consumed = await this.holds.consume(tx, chargedPerHold(applied));
      const settledPerAccount = sumBy(
        consumed,
        (c) => c.accountId,
        (c) => c.consumed,
      );
      await this.lots.spend(tx, perAccount);
      const after = await this.accounts.applyDeltas(
        tx,
        perAccount.map(({ accountId, amount }) => ({
          accountId,
          balance: -amount,
          held: -(settledPerAccount.get(accountId) ?? 0),
        })),
      );
      const allocatedAccounts = new Set(
        [...accounts.values()].filter((a) => a.listMode === 'allocated').map((a) => a.id),
      );
      await this.lists.take(tx, chargedPerAllocatedList({ groups: applied, allocatedAccounts }));
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
