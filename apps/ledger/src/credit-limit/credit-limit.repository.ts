import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface CreditLimitChange {
  id: string;
  oldOverdraftMillicredits: number;
  newOverdraftMillicredits: number;
  reason: string;
  changedBy: string;
  changedAt: string;
}

const CHANGE_COLUMNS = `id::text as id, old_overdraft_millicredits::bigint as "oldOverdraftMillicredits",
  new_overdraft_millicredits::bigint as "newOverdraftMillicredits", reason, changed_by as "changedBy",
  changed_at as "changedAt"`;

@Injectable()
export class CreditLimitRepository {
  async current(em: EntityManager, accountId: string): Promise<number | null> {
    const rows = await em.execute<{ overdraft: number }[]>(
      `select overdraft_millicredits::bigint as overdraft from ledger.account where id = ?`,
      [accountId],
    );
    return rows[0]?.overdraft ?? null;
  }

  // Locks the account row, so two changes cannot both record the same old value, and a hold placed
  // meanwhile sees either the old limit or the new one.
  async change(
    em: EntityManager,
    change: { accountId: string; overdraftMillicredits: number; reason: string; changedBy: string },
  ): Promise<CreditLimitChange | null> {
    const rows = await em.execute<CreditLimitChange[]>(
      `with old as (
         select id, overdraft_millicredits from ledger.account where id = ? for update
       ), updated as (
         update ledger.account a set overdraft_millicredits = ?, updated_at = now() from old where a.id = old.id
         returning a.id
       )
       insert into ledger.credit_limit_change
         (account_id, old_overdraft_millicredits, new_overdraft_millicredits, reason, changed_by)
       select old.id, old.overdraft_millicredits, ?, ?, ? from old join updated on updated.id = old.id
       returning ${CHANGE_COLUMNS}`,
      [
        change.accountId,
        change.overdraftMillicredits,
        change.overdraftMillicredits,
        change.reason,
        change.changedBy,
      ],
    );
    return rows[0] ?? null;
  }

  // Newest first; `before` is the id of the last change of the previous page.
  async changes(
    em: EntityManager,
    query: { accountId: string; before?: number; limit: number },
  ): Promise<CreditLimitChange[]> {
    return em.execute<CreditLimitChange[]>(
      `select ${CHANGE_COLUMNS} from ledger.credit_limit_change
       where account_id = ? and (?::bigint is null or id < ?::bigint) order by id desc limit ?`,
      [query.accountId, query.before ?? null, query.before ?? null, query.limit],
    );
  }
}
