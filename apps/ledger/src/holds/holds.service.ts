import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UnitOfWork } from '@sms/persistence';
import { AccountRepository } from '../accounts/account.repository';
import { JournalWriter } from '../journal/journal.writer';
import { ListAllocationRepository } from '../lists/list-allocation.repository';
import { BalanceSignals } from '../monitors/balance-signals.service';
import { RateCardRepository } from '../rates/rate-card.repository';
import { Hold, HoldRepository } from './hold.repository';
import { grantableHold } from './hold-rules';

export interface PlacedHold {
  holdId: string;
  requestedMillicredits: number;
  grantedMillicredits: number;
  expiresAt: string;
}

// Holds let the gateway reserve credits for a chunk of a campaign, so a campaign stops when credits
// run out [004]. How much a hold gets is the rule in hold-rules.ts.
@Injectable()
export class HoldsService {
  constructor(
    private readonly em: EntityManager,
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly holds: HoldRepository,
    private readonly lists: ListAllocationRepository,
    private readonly rateCards: RateCardRepository,
    private readonly journal: JournalWriter,
    private readonly signals: BalanceSignals,
  ) {}

  async place(options: {
    accountId: string;
    millicredits: number;
    listId?: string;
    ttlSeconds: number;
  }): Promise<PlacedHold> {
    const placed = await this.unitOfWork.run(async (tx) => {
      const account = (await this.accounts.lock(tx, [options.accountId])).get(options.accountId);
      if (account === undefined) {
        throw new NotFoundException(`Account ${options.accountId} not found`);
      }
      let listFreeMillicredits: number | undefined;
      if (options.listId !== undefined && account.listMode === 'allocated') {
        const allocation = (await this.lists.forAccount(tx, account.id)).find(
          (l) => l.listId === options.listId,
        );
        listFreeMillicredits =
          (allocation?.remainingMillicredits ?? 0) -
          (await this.holds.heldOnList(tx, account.id, options.listId));
      }
      const grantable = grantableHold({
        requestedMillicredits: options.millicredits,
        balanceMillicredits: account.balanceMillicredits,
        heldMillicredits: account.heldMillicredits,
        overdraftMillicredits: account.overdraftMillicredits,
        listFreeMillicredits,
      });
      const hold = await this.holds.insert(tx, {
        id: randomUUID(),
        accountId: account.id,
        listId: options.listId ?? null,
        requestedMillicredits: options.millicredits,
        grantedMillicredits: grantable,
        ttlSeconds: options.ttlSeconds,
      });
      if (grantable > 0) {
        await this.changeHeld(tx, { hold, delta: grantable, kind: 'hold' });
      }
      return hold;
    });
    return {
      holdId: placed.id,
      requestedMillicredits: placed.requestedMillicredits,
      grantedMillicredits: placed.grantedMillicredits,
      expiresAt: new Date(placed.expiresAt).toISOString(),
    };
  }

  async get(accountId: string, holdId: string): Promise<Hold> {
    const hold = await this.holds.find(this.em.fork(), accountId, holdId);
    if (hold === null) {
      throw new NotFoundException(`Hold ${holdId} not found`);
    }
    return hold;
  }

  // Gives back what the hold still reserves. Releasing twice is harmless.
  async release(accountId: string, holdId: string): Promise<Hold> {
    await this.unitOfWork.run(async (tx) => {
      await this.accounts.lock(tx, [accountId]);
      const hold = await this.holds.find(tx, accountId, holdId, true);
      if (hold === null) {
        throw new NotFoundException(`Hold ${holdId} not found`);
      }
      await this.close(tx, hold, 'released');
    });
    return this.get(accountId, holdId);
  }

  // Unused holds expire after their time to live. Safe on several replicas: each hold is re-read under
  // its account's lock, so one a replica already closed is skipped.
  async expireDue(limit = 500): Promise<number> {
    const count = await this.unitOfWork.run(async (tx) => {
      const due = await this.holds.expiredOpen(tx, limit);
      await this.accounts.lock(
        tx,
        due.map((h) => h.accountId),
      );
      let closed = 0;
      for (const candidate of due) {
        const hold = await this.holds.find(tx, candidate.accountId, candidate.id, true);
        if (hold?.status === 'open') {
          await this.close(tx, hold, 'expired');
          closed++;
        }
      }
      return closed;
    });
    return count;
  }

  private async close(tx: EntityManager, hold: Hold, status: 'released' | 'expired'): Promise<void> {
    if (hold.status !== 'open') {
      return;
    }
    await this.holds.close(tx, hold.id, status);
    if (hold.remainingMillicredits > 0) {
      await this.changeHeld(tx, { hold, delta: -hold.remainingMillicredits, kind: 'hold_release' });
    }
  }

  private async changeHeld(
    tx: EntityManager,
    options: { hold: Hold; delta: number; kind: 'hold' | 'hold_release' },
  ): Promise<void> {
    const { hold, delta } = options;
    const before = (await this.accounts.find(tx, hold.accountId))!;
    const after = (
      await this.accounts.applyDeltas(tx, [{ accountId: hold.accountId, balance: 0, held: delta }])
    ).get(hold.accountId)!;
    await this.journal.append(tx, [
      {
        accountId: hold.accountId,
        kind: options.kind,
        amountMillicredits: 0,
        reference: hold.id,
        listId: hold.listId,
        postings: [
          { ledgerAccount: 'held', amountMillicredits: delta },
          { ledgerAccount: 'hold_reserve', amountMillicredits: -delta },
        ],
      },
    ]);
    await this.signals.afterChanges(
      tx,
      [
        {
          accountId: hold.accountId,
          homeCountry: before.homeCountry,
          balanceBefore: before.balanceMillicredits,
          balanceAfter: after.balance,
          heldAfter: after.held,
          wasDepleted: before.depleted,
        },
      ],
      await this.rateCards.load(tx),
    );
  }
}
