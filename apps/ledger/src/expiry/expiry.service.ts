import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  CreditsExpired,
  CreditsExpiredEvent,
  CreditsExpiring,
  CreditsExpiringEvent,
  eventEnvelope,
} from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { tryJobLock } from '@sms/scheduling';
import { AccountRepository } from '../accounts/account.repository';
import { CreditLot, LotRepository } from '../lots/lot.repository';
import { JournalWriter, NewJournalEntry } from '../journal/journal.writer';
import { ListAllocationRepository } from '../lists/list-allocation.repository';
import { BalanceChange, BalanceSignals } from '../monitors/balance-signals.service';
import { RateCardRepository } from '../rates/rate-card.repository';
import { planAccountExpiry } from './expiry-plan';
import { calendarDaysLeft, EXPIRY_WARNING_DAYS, warningsDue } from './expiry-warnings';

// The expiry job's name, and the key of its advisory lock: one run at a time across replicas.
export const EXPIRY_JOB = 'ledger.job.expiry';

export interface ExpiryRunResult {
  ran: boolean;
  expiredLots: number;
  expiredMillicredits: number;
  warnings: number;
}

@Injectable()
export class ExpiryService {
  private readonly logger = new Logger(ExpiryService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly lots: LotRepository,
    private readonly lists: ListAllocationRepository,
    private readonly rateCards: RateCardRepository,
    private readonly journal: JournalWriter,
    private readonly signals: BalanceSignals,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(asOf: Date = this.clock.now()): Promise<ExpiryRunResult> {
    const result = await this.unitOfWork.run(async (tx) => {
      if (!(await tryJobLock(tx, EXPIRY_JOB))) {
        return { ran: false, expiredLots: 0, expiredMillicredits: 0, warnings: 0 };
      }
      const expired = await this.expire(tx, asOf);
      const warnings = await this.warn(tx, asOf);
      return { ran: true, ...expired, warnings };
    });
    if (result.expiredLots + result.warnings > 0) {
      this.logger.log({ message: 'expiry run', ...result, asOf: asOf.toISOString() });
    }
    return result;
  }

  private async expire(
    tx: EntityManager,
    asOf: Date,
  ): Promise<{ expiredLots: number; expiredMillicredits: number }> {
    const accountIds = await this.lots.accountsWithDueLots(tx, asOf, 500);
    if (accountIds.length === 0) {
      return { expiredLots: 0, expiredMillicredits: 0 };
    }
    const accounts = await this.accounts.lock(tx, accountIds);
    const due = await this.lots.dueLots(tx, asOf, accountIds);
    const card = await this.rateCards.load(tx);
    // One read of every allocated account's lists and one update of all of them, whatever the number
    // of accounts and lots: the accounts stay locked for as short a time as possible.
    const allocated = [...accounts.values()].filter((a) => a.listMode === 'allocated').map((a) => a.id);
    const allocations = await this.lists.forAccounts(tx, allocated);
    const entries: NewJournalEntry[] = [];
    const events: CreditsExpiredEvent[] = [];
    const changes: BalanceChange[] = [];
    const listTakes: { accountId: string; listId: string; amount: number; spent: number }[] = [];
    let total = 0;
    for (const [accountId, account] of accounts) {
      const lots = due.filter((lot) => lot.accountId === accountId);
      const byId = new Map(lots.map((lot) => [lot.id, lot]));
      const plan = planAccountExpiry({
        balance: account.balanceMillicredits,
        lots,
        listHoldings: Object.fromEntries(
          (allocations.get(accountId) ?? []).map((a) => [a.listId, a.remainingMillicredits]),
        ),
      });
      for (const expiry of plan.lots) {
        const lot = byId.get(expiry.lotId) as CreditLot;
        total += expiry.amount;
        entries.push(expiryEntry(lot, expiry.amount, expiry.fromUnassigned, expiry.fromLists));
        events.push({
          ...eventEnvelope(asOf.toISOString()),
          accountId,
          lotId: lot.id,
          expiredMillicredits: expiry.amount,
          balanceMillicredits: expiry.balanceAfter,
          expiryDate: lot.expiryDate as string,
          timeZone: account.timeZone,
        });
      }
      for (const [listId, amount] of Object.entries(plan.listTakes)) {
        listTakes.push({ accountId, listId, amount, spent: 0 });
      }
      changes.push({
        accountId,
        homeCountry: account.homeCountry,
        balanceBefore: account.balanceMillicredits,
        balanceAfter: plan.balanceAfter,
        heldAfter: account.heldMillicredits,
        wasDepleted: account.depleted,
      });
    }
    await this.lists.take(tx, listTakes);
    await this.lots.markExpired(
      tx,
      due.map((lot) => lot.id),
      asOf,
    );
    await this.accounts.applyDeltas(
      tx,
      changes
        .filter((c) => c.balanceAfter !== c.balanceBefore)
        .map((c) => ({ accountId: c.accountId, balance: c.balanceAfter - c.balanceBefore, held: 0 })),
    );
    await this.journal.append(tx, entries);
    await this.outbox.add(tx, CreditsExpired, events);
    await this.signals.afterChanges(tx, changes, card);
    return { expiredLots: due.length, expiredMillicredits: total };
  }

  // Once per lot per threshold: the lot_notice key makes a rerun (or another replica) a no-op. A lot
  // that enters several windows at once (granted 5 days before expiry) gets only the nearest warning.
  private async warn(tx: EntityManager, asOf: Date): Promise<number> {
    // One day more than the longest warning: the window is judged in calendar days below.
    const lots = await this.lots.expiringWithin(tx, asOf, Math.max(...EXPIRY_WARNING_DAYS) + 1);
    if (lots.length === 0) {
      return 0;
    }
    const accounts = await this.accounts.findMany(tx, [...new Set(lots.map((lot) => lot.accountId))]);
    const timeZoneOf = (lot: CreditLot): string => accounts.get(lot.accountId)?.timeZone ?? 'UTC';
    const daysLeft = new Map(
      lots.map((lot) => [
        lot.id,
        calendarDaysLeft({ asOf, expiryDate: lot.expiryDate as string, timeZone: timeZoneOf(lot) }),
      ]),
    );
    const due = lots.flatMap((lot) =>
      warningsDue(daysLeft.get(lot.id) as number).map((days) => ({ lotId: lot.id, days })),
    );
    const claimed = new Set((await this.lots.claimNotices(tx, due)).map((notice) => notice.lotId));
    const events: CreditsExpiringEvent[] = lots
      .filter((lot) => claimed.has(lot.id))
      .map((lot) => ({
        ...eventEnvelope(asOf.toISOString()),
        accountId: lot.accountId,
        lotId: lot.id,
        remainingMillicredits: lot.remainingMillicredits,
        expiresAt: new Date(lot.expiresAt as string).toISOString(),
        expiryDate: lot.expiryDate as string,
        timeZone: timeZoneOf(lot),
        daysBefore: daysLeft.get(lot.id) as number,
      }));
    await this.outbox.add(tx, CreditsExpiring, events);
    return events.length;
  }
}

function expiryEntry(
  lot: CreditLot,
  amount: number,
  fromUnassigned: number,
  fromLists: Record<string, number>,
): NewJournalEntry {
  return {
    accountId: lot.accountId,
    kind: 'expiry',
    amountMillicredits: -amount,
    reference: lot.id,
    details: { expiryDate: lot.expiryDate, fromUnassigned, fromLists },
    postings: [
      { ledgerAccount: 'balance', amountMillicredits: -amount },
      { ledgerAccount: 'expired', amountMillicredits: amount },
    ],
  };
}
