import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows } from '@sms/persistence';

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
    return em.execute<ListAllocation[]>(
      `select list_id as "listId", remaining_millicredits::bigint as "remainingMillicredits",
         spent_millicredits::bigint as "spentMillicredits"
       from ledger.list_allocation where account_id = ? order by list_id`,
      [accountId],
    );
  }

  async set(
    em: EntityManager,
    options: { accountId: string; listId: string; millicredits: number },
  ): Promise<void> {
    await em.execute(
      `insert into ledger.list_allocation (account_id, list_id, remaining_millicredits) values (?, ?, ?)
       on conflict (account_id, list_id) do update set remaining_millicredits = excluded.remaining_millicredits,
         updated_at = now()`,
      [options.accountId, options.listId, options.millicredits],
    );
  }

  async remove(em: EntityManager, accountId: string, listId: string): Promise<void> {
    await em.execute(`delete from ledger.list_allocation where account_id = ? and list_id = ?`, [
      accountId,
      listId,
    ]);
  }

  // Spending (or expiry) takes from the list's allocation; a list may run into deficit like the account.
  async take(
    em: EntityManager,
    amounts: readonly { accountId: string; listId: string; amount: number; spent: number }[],
  ): Promise<void> {
    if (amounts.length === 0) {
      return;
    }
    await em.execute(
      `update ledger.list_allocation la
       set remaining_millicredits = la.remaining_millicredits - r.amount,
           spent_millicredits = la.spent_millicredits + r.spent, updated_at = now()
       from jsonb_to_recordset(?::jsonb) as r("accountId" text, "listId" text, amount bigint, spent bigint)
       where la.account_id = r."accountId" and la.list_id = r."listId"`,
      [jsonRows(amounts)],
    );
  }
}
