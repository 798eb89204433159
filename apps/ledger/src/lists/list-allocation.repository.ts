import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '@sms/persistence';
import { executeBulk } from '../shared/bulk-sql';
import { ListAllocationEntity } from './list-allocation.entity';

export interface ListAllocation {
  listId: string;
  remainingMillicredits: number;
  spentMillicredits: number;
}

// In `allocated` mode each list holds a part of the account's credits [002]; what no list holds is
// the account's unassigned credits.
@Injectable()
export class ListAllocationRepository {
  async forAccount(em: EntityManager, accountId: string): Promise<ListAllocation[]> {
    const rows = await em.find(
      ListAllocationEntity,
      { accountId },
      { orderBy: { listId: 'asc' }, disableIdentityMap: true },
    );
    return rows.map(({ listId, remainingMillicredits, spentMillicredits }) => ({
      listId,
      remainingMillicredits,
      spentMillicredits,
    }));
  }

  // Every list of these accounts in one statement, grouped by account: the expiry run reads all its
  // accounts' lists at once while they are locked.
  async forAccounts(
    em: EntityManager,
    accountIds: readonly string[],
  ): Promise<Map<string, ListAllocation[]>> {
    const byAccount = new Map<string, ListAllocation[]>();
    if (accountIds.length === 0) {
      return byAccount;
    }
    const rows = await em.execute<(ListAllocation & { accountId: string })[]>(
      `select account_id as "accountId", list_id as "listId",
         remaining_millicredits::bigint as "remainingMillicredits", spent_millicredits::bigint as "spentMillicredits"
       from ledger.list_allocation where account_id in (select jsonb_array_elements_text(?::jsonb))
       order by account_id, list_id`,
      [JSON.stringify(accountIds)],
    );
    for (const { accountId, ...allocation } of rows) {
      byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), allocation]);
    }
    return byAccount;
  }

  // Setting an allocation replaces what the list holds; what it has spent so far stays.
  async set(
    em: EntityManager,
    options: { accountId: string; listId: string; millicredits: number },
  ): Promise<void> {
    await em.upsert(
      ListAllocationEntity,
      {
        accountId: options.accountId,
        listId: options.listId,
        remainingMillicredits: options.millicredits,
        spentMillicredits: 0,
        updatedAt: new Date(),
      },
      {
        onConflictFields: ['accountId', 'listId'],
        onConflictMergeFields: ['remainingMillicredits', 'updatedAt'],
      },
    );
  }

  async remove(em: EntityManager, accountId: string, listId: string): Promise<void> {
    await em.nativeDelete(ListAllocationEntity, { accountId, listId });
  }

  // Spending (or expiry) takes from the list's allocation; a list may run into deficit like the account.
  // Hand-written: the sms.sent path takes from every list of a batch in this one statement.
  // One amount per (account, list): an update joined to two rows for the same list applies only one.
  async take(
    em: EntityManager,
    amounts: readonly { accountId: string; listId: string; amount: number; spent: number }[],
  ): Promise<void> {
    if (amounts.length === 0) {
      return;
    }
    await executeBulk(
      em,
      `update ledger.list_allocation la
       set remaining_millicredits = la.remaining_millicredits - r.amount,
           spent_millicredits = la.spent_millicredits + r.spent, updated_at = now()
       from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) as r("accountId", "listId", amount, spent)
       where la.account_id = r."accountId" and la.list_id = r."listId"`,
      [
        pgArray(amounts.map((a) => a.accountId)),
        pgArray(amounts.map((a) => a.listId)),
        pgArray(amounts.map((a) => a.amount)),
        pgArray(amounts.map((a) => a.spent)),
      ],
    );
  }
}
