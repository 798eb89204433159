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
import { CreditLot, LotRepository } from '../grants/lot.repository';
import { JournalWriter, NewJournalEntry } from '../journal/journal.writer';
import { ListAllocationRepository } from '../lists/list-allocation.repository';
import { BalanceChange, BalanceSignals } from '../monitors/balance-signals.service';
import { RateCardRepository } from '../rates/rate-card.repository';
import { splitExpiry } from './expiry-split';
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
    const entries: NewJournalEntry[] = [];
    const events: CreditsExpiredEvent[] = [];
    const changes: BalanceChange[] = [];
    let total = 0;
    for (const [accountId, account] of accounts) {
      const lots = due.filter((lot) => lot.accountId === accountId && lot.remainingMillicredits > 0);
      const balanceBefore = account.balanceMillicredits;
      const allocations = account.listMode === 'allocated' ? await this.lists.forAccount(tx, accountId) : [];
      const listHoldings = Object.fromEntries(
        allocations.map((a) => [a.listId, Math.max(0, a.remainingMillicredits)]),
      );
      for (const lot of lots) {
        const amount = lot.remainingMillicredits;
        const assigned = Object.values(listHoldings).reduce((sum, held) => sum + held, 0);
        const split = splitExpiry({
          amount,
          unassigned: account.balanceMillicredits - assigned,
          lists: listHoldings,
        });
        const fromLists = Object.entries(split.fromLists).filter(([, taken]) => taken > 0);
        for (const [listId, taken] of fromLists) {
          listHoldings[listId] -= taken;
        }
        await this.lists.take(
          tx,
          fromLists.map(([listId, taken]) => ({ accountId, listId, amount: taken, spent: 0 })),
        );
        account.balanceMillicredits -= amount;
        total += amount;
        entries.push(expiryEntry(lot, amount, split.fromUnassigned, Object.fromEntries(fromLists)));
        events.push({
          ...eventEnvelope(asOf.toISOString()),
          accountId,
          lotId: lot.id,
          expiredMillicredits: amount,
          balanceMillicredits: account.balanceMillicredits,
          expiryDate: lot.expiryDate as string,
          timeZone: account.timeZone,
        });
      }
      changes.push({
        accountId,
        homeCountry: account.homeCountry,
        balanceBefore,
        balanceAfter: account.balanceMillicredits,
        heldAfter: account.heldMillicredits,
        wasDepleted: account.depleted,
      });
    }
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
    const accounts = new Map(
      (
        await Promise.all(
          [...new Set(lots.map((lot) => lot.accountId))].map((id) => this.accounts.find(tx, id)),
        )
      )
        .filter((account) => account !== null)
        .map((account) => [account.id, account]),
    );
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
