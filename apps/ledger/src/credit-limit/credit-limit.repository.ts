import { Inject, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountSettingsEntity } from '../accounts/account-settings.entity';
import { CreditLimitChangeEntity } from './credit-limit-change.entity';
import { CLOCK, type Clock } from '@sms/runtime';

export interface CreditLimitChange {
  id: string;
  oldOverdraftMillicredits: number;
  newOverdraftMillicredits: number;
  reason: string;
  changedBy: string;
  changedAt: Date;
}

@Injectable()
export class CreditLimitRepository {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async current(em: EntityManager, accountId: string): Promise<number | null> {
    const account = await em.findOne(
      AccountSettingsEntity,
      { id: accountId },
      { fields: ['overdraftMillicredits'], disableIdentityMap: true },
    );
    return account?.overdraftMillicredits ?? null;
  }

  // Locks the account row, so two changes cannot both record the same old value, and a hold placed
  // meanwhile sees either the old limit or the new one. Runs inside the caller's transaction.
  async change(
    em: EntityManager,
    change: { accountId: string; overdraftMillicredits: number; reason: string; changedBy: string },
  ): Promise<CreditLimitChange | null> {
    const account = await em.findOne(
      AccountSettingsEntity,
      { id: change.accountId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (account === null) {
      return null;
    }
    const recorded = em.create(CreditLimitChangeEntity, {
      accountId: account.id,
      oldOverdraftMillicredits: account.overdraftMillicredits,
      newOverdraftMillicredits: change.overdraftMillicredits,
      reason: change.reason,
      changedBy: change.changedBy,
      changedAt: this.clock.now(),
    });
    account.overdraftMillicredits = change.overdraftMillicredits;
    await em.flush();
    return view(recorded);
  }

  // Newest first; `before` is the id of the last change of the previous page.
  async changes(
    em: EntityManager,
    query: { accountId: string; before?: number; limit: number },
  ): Promise<CreditLimitChange[]> {
    const rows = await em.find(
      CreditLimitChangeEntity,
      {
        accountId: query.accountId,
        ...(query.before === undefined ? {} : { id: { $lt: String(query.before) } }),
      },
      { orderBy: { id: 'desc' }, limit: query.limit, disableIdentityMap: true },
    );
    return rows.map(view);
  }
}

function view(change: CreditLimitChangeEntity): CreditLimitChange {
  const { id, oldOverdraftMillicredits, newOverdraftMillicredits, reason, changedBy, changedAt } = change;
  return { id, oldOverdraftMillicredits, newOverdraftMillicredits, reason, changedBy, changedAt };
}
