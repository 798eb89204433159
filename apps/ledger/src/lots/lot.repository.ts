import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows } from '@sms/persistence';

export interface CreditLot {
  id: string;
  accountId: string;
  orderId: string | null;
  source: string;
  grantedMillicredits: number;
  remainingMillicredits: number;
  expiryDate: string | null;
  expiresAt: string | null;
  createdAt: string;
}

const COLUMNS = `l.id, l.account_id as "accountId", l.order_id as "orderId", l.source,
  l.granted_millicredits::bigint as "grantedMillicredits", l.remaining_millicredits::bigint as "remainingMillicredits",
  to_char(l.expiry_date, 'YYYY-MM-DD') as "expiryDate", l.expires_at as "expiresAt", l.created_at as "createdAt"`;

// The consumption order as one SQL expression, so a whole batch of accounts spends in one statement:
// non_expiring_first spends lots without expiry before the rest [002]; soonest_expiry_first spends the
// lot that expires first. Ties go to the oldest lot.
const SPEND_ORDER = `case when a.consumption_policy = 'non_expiring_first' and l.expires_at is not null then 1 else 0 end,
  l.expires_at nulls last, l.seq`;

@Injectable()
export class LotRepository {
  async insert(
    em: EntityManager,
    lot: Omit<CreditLot, 'createdAt' | 'expiresAt'> & { expiresAt: Date | null },
  ): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `insert into ledger.credit_lot (id, account_id, order_id, source, granted_millicredits, remaining_millicredits,
         expiry_date, expires_at)
       values (?, ?, ?, ?, ?, ?, ?::date, ?) on conflict (order_id) do nothing returning id`,
      [
        lot.id,
        lot.accountId,
        lot.orderId,
        lot.source,
        lot.grantedMillicredits,
        lot.remainingMillicredits,
        lot.expiryDate,
        lot.expiresAt,
      ],
    );
    return rows.length > 0;
  }

  async active(em: EntityManager, accountId: string): Promise<CreditLot[]> {
    return em.execute<CreditLot[]>(
      `select ${COLUMNS} from ledger.credit_lot l join ledger.account a on a.id = l.account_id
       where l.account_id = ? and l.expired_at is null and l.remaining_millicredits > 0
       order by ${SPEND_ORDER}`,
      [accountId],
    );
  }

  // Buying extends the expiry of the credits already held [002]: never shortens one.
  async extendExpiring(
    em: EntityManager,
    options: { accountId: string; expiryDate: string; expiresAt: Date },
  ): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      `update ledger.credit_lot set expiry_date = ?::date, expires_at = ?
       where account_id = ? and expired_at is null and expires_at is not null and expires_at < ?
       returning id`,
      [options.expiryDate, options.expiresAt, options.accountId, options.expiresAt],
    );
    return rows.length;
  }

  // Takes up to `amount` back from the lot an order bought; returns what it took (the rest of a
  // reversal comes from the other lots, or becomes a deficit).
  async takeFromOrderLot(em: EntityManager, orderId: string, amount: number): Promise<number> {
    const rows = await em.execute<{ taken: string }[]>(
      `with l as (select id, least(remaining_millicredits, ?) as taken from ledger.credit_lot
         where order_id = ? and expired_at is null for update)
       update ledger.credit_lot c set remaining_millicredits = c.remaining_millicredits - l.taken
       from l where c.id = l.id returning l.taken`,
      [amount, orderId],
    );
    return rows.length === 0 ? 0 : Number(rows[0].taken);
  }

  // Spends the aggregated charge of each account across its lots in policy order, in one statement.
  // What the lots cannot cover is the deficit: the balance goes negative.
  async spend(em: EntityManager, charges: readonly { accountId: string; amount: number }[]): Promise<void> {
    if (charges.length === 0) {
      return;
    }
    await em.execute(
      `with d as (select * from jsonb_to_recordset(?::jsonb) as r("accountId" text, amount bigint)),
       ordered as (
         select l.id, l.remaining_millicredits as remaining, d.amount,
           sum(l.remaining_millicredits) over (partition by l.account_id order by ${SPEND_ORDER}
             rows between unbounded preceding and current row) as cumulative
         from ledger.credit_lot l
         join d on d."accountId" = l.account_id
         join ledger.account a on a.id = l.account_id
         where l.remaining_millicredits > 0 and l.expired_at is null
       )
       update ledger.credit_lot l
       set remaining_millicredits = o.remaining - least(o.remaining, o.amount - (o.cumulative - o.remaining))
       from ordered o
       where l.id = o.id and o.cumulative - o.remaining < o.amount`,
      [jsonRows(charges)],
    );
  }

  async accountsWithDueLots(em: EntityManager, asOf: Date, limit: number): Promise<string[]> {
    const rows = await em.execute<{ accountId: string }[]>(
      `select distinct account_id as "accountId" from ledger.credit_lot
       where expired_at is null and expires_at is not null and expires_at <= ? limit ?`,
      [asOf, limit],
    );
    return rows.map((row) => row.accountId);
  }

  // Read (and locked) only once the accounts are locked: the same order as the sms.sent path
  // (account, then lots), so the two never deadlock, and the remaining amounts are current.
  async dueLots(em: EntityManager, asOf: Date, accountIds: readonly string[]): Promise<CreditLot[]> {
    return em.execute<CreditLot[]>(
      `select ${COLUMNS} from ledger.credit_lot l
       where l.expired_at is null and l.expires_at is not null and l.expires_at <= ?
         and l.account_id in (select jsonb_array_elements_text(?::jsonb))
       order by l.account_id, l.expires_at for update`,
      [asOf, JSON.stringify(accountIds)],
    );
  }

  async markExpired(em: EntityManager, lotIds: readonly string[], asOf: Date): Promise<void> {
    await em.execute(
      `update ledger.credit_lot set remaining_millicredits = 0, expired_at = ?
       where id in (select jsonb_array_elements_text(?::jsonb))`,
      [asOf, JSON.stringify(lotIds)],
    );
  }

  async expiringWithin(em: EntityManager, asOf: Date, days: number): Promise<CreditLot[]> {
    return em.execute<CreditLot[]>(
      `select ${COLUMNS} from ledger.credit_lot l
       where expired_at is null and remaining_millicredits > 0 and expires_at > ?
         and expires_at <= ?::timestamptz + make_interval(days => ?)
       order by expires_at`,
      [asOf, asOf, days],
    );
  }

  // Once per lot and threshold: returns the (lot, days) pairs claimed now.
  async claimNotices(
    em: EntityManager,
    notices: readonly { lotId: string; days: number }[],
  ): Promise<{ lotId: string; days: number }[]> {
    if (notices.length === 0) {
      return [];
    }
    return em.execute(
      `insert into ledger.lot_notice (lot_id, days_before)
       select r."lotId", r.days from jsonb_to_recordset(?::jsonb) as r("lotId" text, days int)
       on conflict do nothing returning lot_id as "lotId", days_before as days`,
      [jsonRows(notices)],
    );
  }
}
