import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows } from '@sms/persistence';

export interface Hold {
  id: string;
  accountId: string;
  listId: string | null;
  requestedMillicredits: number;
  grantedMillicredits: number;
  remainingMillicredits: number;
  status: 'open' | 'released' | 'expired';
  expiresAt: string;
}

const COLUMNS = `id, account_id as "accountId", list_id as "listId",
  requested_millicredits::bigint as "requestedMillicredits", granted_millicredits::bigint as "grantedMillicredits",
  remaining_millicredits::bigint as "remainingMillicredits", status, expires_at as "expiresAt"`;

@Injectable()
export class HoldRepository {
  async insert(
    em: EntityManager,
    hold: Omit<Hold, 'status' | 'expiresAt' | 'remainingMillicredits'> & { ttlSeconds: number },
  ): Promise<Hold> {
    const rows = await em.execute<Hold[]>(
      `insert into ledger.hold (id, account_id, list_id, requested_millicredits, granted_millicredits,
         remaining_millicredits, expires_at)
       values (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?)) returning ${COLUMNS}`,
      [
        hold.id,
        hold.accountId,
        hold.listId,
        hold.requestedMillicredits,
        hold.grantedMillicredits,
        hold.grantedMillicredits,
        hold.ttlSeconds,
      ],
    );
    return rows[0];
  }

  async find(em: EntityManager, accountId: string, id: string, lock = false): Promise<Hold | null> {
    const rows = await em.execute<Hold[]>(
      `select ${COLUMNS} from ledger.hold where account_id = ? and id = ?${lock ? ' for update' : ''}`,
      [accountId, id],
    );
    return rows[0] ?? null;
  }

  async heldOnList(em: EntityManager, accountId: string, listId: string): Promise<number> {
    const rows = await em.execute<{ held: number }[]>(
      `select coalesce(sum(remaining_millicredits), 0)::bigint as held from ledger.hold
       where account_id = ? and list_id = ? and status = 'open'`,
      [accountId, listId],
    );
    return rows[0].held;
  }

  // Each message carrying a hold id consumes the hold first; returns what each hold gave up.
  async consume(
    em: EntityManager,
    amounts: readonly { holdId: string; accountId: string; amount: number }[],
  ): Promise<{ holdId: string; accountId: string; consumed: number }[]> {
    if (amounts.length === 0) {
      return [];
    }
    return em.execute(
      `with r as (select * from jsonb_to_recordset(?::jsonb) as r("holdId" text, "accountId" text, amount bigint)),
       locked as (
         select h.id, h.remaining_millicredits as before, least(h.remaining_millicredits, r.amount) as consumed
         from ledger.hold h join r on r."holdId" = h.id and r."accountId" = h.account_id
         where h.status = 'open' for update of h
       )
       update ledger.hold h set remaining_millicredits = h.remaining_millicredits - locked.consumed
       from locked where h.id = locked.id and locked.consumed > 0
       returning h.id as "holdId", h.account_id as "accountId", locked.consumed::bigint as consumed`,
      [jsonRows(amounts)],
    );
  }

  async close(em: EntityManager, id: string, status: 'released' | 'expired'): Promise<void> {
    await em.execute(
      `update ledger.hold set status = ?, remaining_millicredits = 0, closed_at = now() where id = ?`,
      [status, id],
    );
  }

  // Unlocked: the sweeper locks the account first and then the hold, like every other path.
  async expiredOpen(em: EntityManager, limit: number): Promise<Hold[]> {
    return em.execute<Hold[]>(
      `select ${COLUMNS} from ledger.hold where status = 'open' and expires_at <= now()
       order by expires_at limit ?`,
      [limit],
    );
  }
}
