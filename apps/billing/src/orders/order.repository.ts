import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderStatusName } from '@sms/contracts';
import { readBigint } from '@sms/persistence';
import { isoOrNull } from '../shared/sql-values';
import type { Order, OrderKind, PaymentKind, TimelineEntry } from './order';

interface OrderRow {
  id: string;
  account_id: string;
  kind: OrderKind;
  status: OrderStatusName;
  credits: string;
  amount_minor: string;
  currency: string;
  tier_min_credits: string | null;
  pack_code: string | null;
  payment_kind: PaymentKind;
  payment_method_id: string | null;
  bank_reference: string | null;
  received_minor: string;
  refunded_minor: string;
  scheduled_for: Date | null;
  requester_subject: string;
  requester_name: string;
  requester_email: string | null;
  approver_name: string | null;
  approver_email: string | null;
  subscription_id: string | null;
  failure_reason: string | null;
  paid_at: Date | null;
  credited_at: Date | null;
  created_at: Date;
  updated_at: Date;
  request_hash?: string | null;
}

// What a new order is given; status and timestamps come from the database.
export type NewOrder = Omit<
  Order,
  | 'status'
  | 'receivedMinor'
  | 'refundedMinor'
  | 'failureReason'
  | 'paidAt'
  | 'creditedAt'
  | 'createdAt'
  | 'updatedAt'
> & {
  idempotencyKey: string | null;
  requestHash: string | null;
};

const COLUMNS = `id, account_id, kind, status, credits, amount_minor, currency, tier_min_credits, pack_code,
  payment_kind, payment_method_id, bank_reference, received_minor, refunded_minor, scheduled_for, requester_subject, requester_name,
  requester_email, approver_name, approver_email, subscription_id, failure_reason, paid_at, credited_at,
  created_at, updated_at`;

@Injectable()
export class OrderRepository {
  // Inserts the order unless the account already used the idempotency key; null means it did.
  async insert(em: EntityManager, order: NewOrder): Promise<Order | null> {
    const rows = await em.execute<OrderRow[]>(
      `insert into billing.purchase_order (id, account_id, kind, status, credits, amount_minor, currency,
         tier_min_credits, pack_code, payment_kind, payment_method_id, bank_reference, scheduled_for,
         requester_subject, requester_name, requester_email, approver_name, approver_email, subscription_id,
         idempotency_key, request_hash)
       values (?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (account_id, idempotency_key) where idempotency_key is not null do nothing
       returning ${COLUMNS}`,
      [
        order.id,
        order.accountId,
        order.kind,
        order.credits,
        order.amountMinor,
        order.currency,
        order.tierMinCredits,
        order.packCode,
        order.paymentKind,
        order.paymentMethodId,
        order.bankReference,
        order.scheduledFor,
        order.requester.subject,
        order.requester.name,
        order.requester.email,
        order.approver?.name ?? null,
        order.approver?.email ?? null,
        order.subscriptionId,
        order.idempotencyKey,
        order.requestHash,
      ],
    );
    return rows.length === 0 ? null : toOrder(rows[0]);
  }

  async findByIdempotencyKey(
    em: EntityManager,
    accountId: string,
    key: string,
  ): Promise<{ order: Order; requestHash: string | null } | null> {
    const [row] = await em.execute<OrderRow[]>(
      `select ${COLUMNS}, request_hash from billing.purchase_order where account_id = ? and idempotency_key = ?`,
      [accountId, key],
    );
    return row === undefined ? null : { order: toOrder(row), requestHash: row.request_hash ?? null };
  }

  async find(em: EntityManager, accountId: string, id: string): Promise<Order | null> {
    const [row] = await em.execute<OrderRow[]>(
      `select ${COLUMNS} from billing.purchase_order where account_id = ? and id = ?`,
      [accountId, id],
    );
    return row === undefined ? null : toOrder(row);
  }

  // Locks the orders a batch is about to move, so concurrent consumers and jobs serialise on them.
  async lockMany(em: EntityManager, ids: readonly string[]): Promise<Map<string, Order>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await em.execute<OrderRow[]>(
      `select ${COLUMNS} from billing.purchase_order
       where id in (select jsonb_array_elements_text(?::jsonb)) order by id for update`,
      [JSON.stringify(ids)],
    );
    return new Map(rows.map((row) => [row.id, toOrder(row)]));
  }

  // Newest first, keyset-paged on (created_at, id); created_at travels in whole microseconds, its
  // precision, so no order is skipped or repeated between pages.
  async list(
    em: EntityManager,
    query: { accountId: string; after?: { createdMicros: number; id: string }; limit: number },
  ): Promise<{ order: Order; key: [number, string] }[]> {
    const after = query.after;
    const rows = await em.execute<(OrderRow & { created_us: string })[]>(
      `select ${COLUMNS}, (extract(epoch from created_at) * 1000000)::bigint::text as created_us
       from billing.purchase_order where account_id = ?
       ${after === undefined ? '' : `and (created_at, id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?)`}
       order by created_at desc, id desc limit ?`,
      [query.accountId, ...(after === undefined ? [] : [after.createdMicros, after.id]), query.limit],
    );
    return rows.map((row) => ({ order: toOrder(row), key: [Number(row.created_us), row.id] }));
  }

  // Scheduled orders whose date has come, locked and skipped by a concurrent run.
  async lockDueScheduled(em: EntityManager, asOf: string, limit: number): Promise<Order[]> {
    const rows = await em.execute<OrderRow[]>(
      `select ${COLUMNS} from billing.purchase_order
       where status = 'scheduled' and scheduled_for <= ? order by scheduled_for, id limit ?
       for update skip locked`,
      [asOf, limit],
    );
    return rows.map(toOrder);
  }

  async updateStatus(
    em: EntityManager,
    change: {
      id: string;
      status: OrderStatusName;
      failureReason?: string | null;
      paidAt?: string;
      creditedAt?: string;
      paymentMethodId?: string;
    },
  ): Promise<void> {
    await em.execute(
      `update billing.purchase_order set status = ?, failure_reason = coalesce(?, failure_reason),
         paid_at = coalesce(?, paid_at), credited_at = coalesce(?, credited_at),
         payment_method_id = coalesce(?, payment_method_id), updated_at = now()
       where id = ?`,
      [
        change.status,
        change.failureReason ?? null,
        change.paidAt ?? null,
        change.creditedAt ?? null,
        change.paymentMethodId ?? null,
        change.id,
      ],
    );
  }

  // Adds a bank transfer to what the order received; returns the new total.
  async addReceived(em: EntityManager, id: string, amountMinor: number): Promise<number> {
    const [row] = await em.execute<{ received_minor: string }[]>(
      'update billing.purchase_order set received_minor = received_minor + ?, updated_at = now() where id = ? returning received_minor',
      [amountMinor, id],
    );
    return readBigint(row.received_minor);
  }

  async setRefunded(em: EntityManager, id: string, refundedMinor: number): Promise<void> {
    await em.execute(
      'update billing.purchase_order set refunded_minor = ?, updated_at = now() where id = ?',
      [refundedMinor, id],
    );
  }

  async findByBankReference(em: EntityManager, reference: string): Promise<Order | null> {
    const [row] = await em.execute<OrderRow[]>(
      `select ${COLUMNS} from billing.purchase_order where bank_reference = ? for update`,
      [reference],
    );
    return row === undefined ? null : toOrder(row);
  }

  async appendTimeline(em: EntityManager, entry: TimelineEntry & { orderId: string }): Promise<void> {
    await em.execute(
      `insert into billing.order_timeline (order_id, status, previous_status, reason, actor, at) values (?, ?, ?, ?, ?, ?)`,
      [entry.orderId, entry.status, entry.previousStatus, entry.reason, entry.actor, entry.at],
    );
  }

  async timeline(em: EntityManager, orderId: string): Promise<TimelineEntry[]> {
    const rows = await em.execute<
      {
        status: OrderStatusName;
        previous_status: OrderStatusName | null;
        reason: string | null;
        actor: string;
        at: Date;
      }[]
    >(
      'select status, previous_status, reason, actor, at from billing.order_timeline where order_id = ? order by id',
      [orderId],
    );
    return rows.map((row) => ({
      status: row.status,
      previousStatus: row.previous_status,
      reason: row.reason,
      actor: row.actor,
      at: new Date(row.at).toISOString(),
    }));
  }

  // Recharges counted against the auto top-up limit: every automatic order except failed ones.
  async countAutoTopUpsSince(em: EntityManager, accountId: string, since: string): Promise<number> {
    const [row] = await em.execute<{ n: number }[]>(
      `select count(*)::int as n from billing.purchase_order
       where account_id = ? and kind = 'auto_topup' and status not in ('failed', 'cancelled') and created_at > ?`,
      [accountId, since],
    );
    return row.n;
  }

  // Paid orders of an account in a period, for its invoice.
  async paidBetween(em: EntityManager, accountId: string, from: string, to: string): Promise<Order[]> {
    const rows = await em.execute<OrderRow[]>(
      `select ${COLUMNS} from billing.purchase_order
       where account_id = ? and paid_at >= ? and paid_at < ? order by paid_at, id`,
      [accountId, from, to],
    );
    return rows.map(toOrder);
  }
}

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    status: row.status,
    credits: readBigint(row.credits),
    amountMinor: readBigint(row.amount_minor),
    currency: row.currency,
    tierMinCredits: row.tier_min_credits === null ? null : readBigint(row.tier_min_credits),
    packCode: row.pack_code,
    paymentKind: row.payment_kind,
    paymentMethodId: row.payment_method_id,
    bankReference: row.bank_reference,
    receivedMinor: readBigint(row.received_minor),
    refundedMinor: readBigint(row.refunded_minor),
    scheduledFor: isoOrNull(row.scheduled_for),
    requester: { subject: row.requester_subject, name: row.requester_name, email: row.requester_email },
    approver:
      row.approver_email === null
        ? null
        : { name: row.approver_name ?? row.approver_email, email: row.approver_email },
    subscriptionId: row.subscription_id,
    failureReason: row.failure_reason,
    paidAt: isoOrNull(row.paid_at),
    creditedAt: isoOrNull(row.credited_at),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
