import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { SmsSentEvent } from '@sms/contracts';
import type { InboundEvent, Rejection } from '@sms/messaging';
import { Outbox } from '@sms/messaging';
import { AccountRepository } from '../accounts/account.repository';
import { LotRepository } from '../grants/lot.repository';
import { HoldRepository } from '../holds/hold.repository';
import { JournalWriter, NewJournalEntry } from '../journal/journal.writer';
import { ListAllocationRepository } from '../lists/list-allocation.repository';
import { BalanceChange, BalanceSignals } from '../monitors/balance-signals.service';

import { rateFor } from '../rates/rate-card';
import { RateCardRepository } from '../rates/rate-card.repository';
import { ChargeRepository, NewCharge } from './charge.repository';
import { countryOfNumber, countSegments } from '@sms/contracts';

// The sms.sent hot path. Work is per batch, never per message: one transaction, one lock and one
// balance update per account, bulk inserts for the per-message rows [PRODUCT: speed and scale].
@Injectable()
export class ChargingService {
  constructor(
    private readonly em: EntityManager,
    private readonly accounts: AccountRepository,
    private readonly charges: ChargeRepository,
    private readonly lots: LotRepository,
    private readonly holds: HoldRepository,
    private readonly lists: ListAllocationRepository,
    private readonly rateCards: RateCardRepository,
    private readonly journal: JournalWriter,
    private readonly signals: BalanceSignals,
    private readonly outbox: Outbox,
  ) {}

  async chargeBatch(events: readonly InboundEvent<SmsSentEvent>[]): Promise<{ rejected: Rejection[] }> {
    const rejected: Rejection[] = [];
    let announced = 0;
    await this.em.transactional(async (tx) => {
      rejected.length = 0;
      const card = await this.rateCards.load(tx);
      const accounts = await this.accounts.lock(
        tx,
        events.map((event) => event.payload.accountId),
      );
      const known: NewCharge[] = [];
      for (const event of events) {
        const sms = event.payload;
        if (!accounts.has(sms.accountId)) {
          rejected.push({ event, reason: `unknown account ${sms.accountId}` });
          continue;
        }
        const segments = sms.segments ?? countSegments(sms.body ?? '').segments;
        const country = countryOfNumber(sms.to);
        const rate = rateFor(card, country);
        known.push({
          messageId: sms.messageId,
          accountId: sms.accountId,
          listId: sms.listId ?? null,
          campaignId: sms.campaignId ?? null,
          holdId: sms.holdId ?? null,
          to: sms.to,
          country,
          segments,
          rate,
          millicredits: segments * rate,
          sentAt: sms.sentAt,
        });
      }
      const fresh = await this.charges.insertNew(tx, known);
      // A message id may also repeat inside one batch; the first occurrence is the one inserted.
      const seen = new Set<string>();
      const applied = known.filter((charge) => {
        if (!fresh.has(charge.messageId) || seen.has(charge.messageId)) {
          return false;
        }
        seen.add(charge.messageId);
        return true;
      });
      if (applied.length === 0) {
        return;
      }

      const perAccount = sumBy(applied, (c) => c.accountId);
      const perHold = sumBy(
        applied.filter((c) => c.holdId !== null),
        (c) => `${c.accountId}\u0000${c.holdId}`,
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
        (c) => c.listId !== null && accounts.get(c.accountId)?.listMode === 'allocated',
      );
      await this.lists.take(
        tx,
        [...sumBy(allocated, (c) => `${c.accountId}\u0000${c.listId}`)].map(([key, amount]) => {
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
      announced = await this.signals.afterChanges(tx, changes, card);
    });
    if (announced > 0) {
      this.outbox.notify();
    }
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
function chargeEntries(applied: readonly NewCharge[]): NewJournalEntry[] {
  const groups = new Map<string, { charge: NewCharge; amount: number; messages: number }>();
  for (const charge of applied) {
    const key = `${charge.accountId}\u0000${charge.listId ?? ''}\u0000${charge.campaignId ?? ''}`;
    const group = groups.get(key) ?? { charge, amount: 0, messages: 0 };
    group.amount += charge.millicredits;
    group.messages += 1;
    groups.set(key, group);
  }
  return [...groups.values()].map(({ charge, amount, messages }) => ({
    accountId: charge.accountId,
    kind: 'sms_charge',
    amountMillicredits: -amount,
    listId: charge.listId,
    campaignId: charge.campaignId,
    reference: messages === 1 ? charge.messageId : null,
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
