import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { pgArray } from '@sms/persistence';
import { executeBulk } from '../shared/bulk-sql';
import { HoldEntity } from './hold.entity';

// What the API shows of a hold.
export type Hold = Omit<HoldEntity, 'closedAt'>;

const COLUMNS = `id, account_id as "accountId", list_id as "listId",
  requested_millicredits::bigint as "requestedMillicredits", granted_millicredits::bigint as "grantedMillicredits",
  remaining_millicredits::bigint as "remainingMillicredits", status, expires_at as "expiresAt"`;

@Injectable()
export class HoldRepository {
  // Hand-written: the expiry instant is computed by the database, the clock the sweeper compares
  // open holds with (expiredOpen).
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

  // Locked when the caller is about to close it; a fresh read either way, since the sms.sent path
  // consumes holds set-based (consume) in the same transactions.
  async find(em: EntityManager, accountId: string, id: string, lock = false): Promise<Hold | null> {
    const hold = await em.findOne(
      HoldEntity,
      { accountId, id },
      lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : { disableIdentityMap: true },
    );
    return hold === null ? null : view(hold);
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
    return executeBulk(
      em,
      `with r as (select * from unnest(?::text[], ?::text[], ?::bigint[]) as r("holdId", "accountId", amount)),
       locked as (
         select h.id, h.remaining_millicredits as before, least(h.remaining_millicredits, r.amount) as consumed
         from ledger.hold h join r on r."holdId" = h.id and r."accountId" = h.account_id
         where h.status = 'open' for update of h
       )
       update ledger.hold h set remaining_millicredits = h.remaining_millicredits - locked.consumed
       from locked where h.id = locked.id and locked.consumed > 0
       returning h.id as "holdId", h.account_id as "accountId", locked.consumed::bigint as consumed`,
      [
        pgArray(amounts.map((a) => a.holdId)),
        pgArray(amounts.map((a) => a.accountId)),
        pgArray(amounts.map((a) => a.amount)),
      ],
    );
  }

  async close(em: EntityManager, id: string, status: 'released' | 'expired'): Promise<void> {
    await em.nativeUpdate(HoldEntity, { id }, { status, remainingMillicredits: 0, closedAt: new Date() });
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

function view(hold: HoldEntity): Hold {
  return {
    id: hold.id,
    accountId: hold.accountId,
    listId: hold.listId,
    requestedMillicredits: hold.requestedMillicredits,
    grantedMillicredits: hold.grantedMillicredits,
    remainingMillicredits: hold.remainingMillicredits,
    status: hold.status,
    expiresAt: hold.expiresAt,
  };
}
