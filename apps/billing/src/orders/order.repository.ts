import { Inject, Injectable } from '@nestjs/common';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, type Clock } from '@sms/runtime';
import type { OrderStatusName } from '@sms/contracts';
import type { Order, TimelineEntry } from './order';
import { OrderTimelineEntry } from './order-timeline-entry.entity';
import { PurchaseOrder } from './purchase-order.entity';

// What a new order is given; status and timestamps are set on insert.
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

// Every write is flushed at once: other repositories read these rows with SQL in the same
// transaction, and must see them.
@Injectable()
export class OrderRepository {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  // Inserts the order unless the account already used the idempotency key; null means it did.
  async insert(em: EntityManager, order: NewOrder): Promise<Order | null> {
    const now = this.clock.now();
    const entity = em.create(PurchaseOrder, {
      id: order.id,
      accountId: order.accountId,
      kind: order.kind,
      status: 'created',
      credits: order.credits,
      amountMinor: order.amountMinor,
      currency: order.currency,
      tierMinCredits: order.tierMinCredits,
      packCode: order.packCode,
      paymentKind: order.paymentKind,
      paymentMethodId: order.paymentMethodId,
      bankReference: order.bankReference,
      scheduledFor: order.scheduledFor === null ? null : new Date(order.scheduledFor),
      requesterSubject: order.requester.subject,
      requesterName: order.requester.name,
      requesterEmail: order.requester.email,
      approverName: order.approver?.name ?? null,
      approverEmail: order.approver?.email ?? null,
      subscriptionId: order.subscriptionId,
      idempotencyKey: order.idempotencyKey,
      requestHash: order.requestHash,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await em.flush();
    } catch (error) {
      // A concurrent request with the same idempotency key won the insert; the caller gives up the
      // transaction, which this error has aborted anyway.
      if (error instanceof UniqueConstraintViolationException && order.idempotencyKey !== null) {
        em.getUnitOfWork().unsetIdentity(entity);
        return null;
      }
      throw error;
    }
    return toOrder(entity);
  }

  async findByIdempotencyKey(
    em: EntityManager,
    accountId: string,
    key: string,
  ): Promise<{ order: Order; requestHash: string | null } | null> {
    const entity = await em.findOne(PurchaseOrder, { accountId, idempotencyKey: key });
    return entity === null ? null : { order: toOrder(entity), requestHash: entity.requestHash };
  }

  async find(em: EntityManager, accountId: string, id: string): Promise<Order | null> {
    const entity = await em.findOne(PurchaseOrder, { accountId, id });
    return entity === null ? null : toOrder(entity);
  }

  // Locks the orders a batch is about to move, so concurrent consumers and jobs serialise on them.
  async lockMany(em: EntityManager, ids: readonly string[]): Promise<Map<string, Order>> {
    if (ids.length === 0) {
      return new Map();
    }
    const entities = await em.find(
      PurchaseOrder,
      { id: { $in: [...ids] } },
      { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    return new Map(entities.map((entity) => [entity.id, toOrder(entity)]));
  }

  // Newest first, keyset-paged on (created_at, id). created_at carries microseconds, more than a JS
  // Date holds, so the page key is read and compared in SQL; no order is skipped or repeated.
  async list(
    em: EntityManager,
    query: { accountId: string; after?: { createdMicros: number; id: string }; limit: number },
  ): Promise<{ order: Order; key: [number, string] }[]> {
    const after = query.after;
    const keys = await em.execute<{ id: string; created_us: string }[]>(
      `select id, (extract(epoch from created_at) * 1000000)::bigint::text as created_us
       from billing.purchase_order where account_id = ?
       ${after === undefined ? '' : `and (created_at, id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?)`}
       order by created_at desc, id desc limit ?`,
      [query.accountId, ...(after === undefined ? [] : [after.createdMicros, after.id]), query.limit],
    );
    const entities = await em.find(PurchaseOrder, { id: { $in: keys.map((key) => key.id) } });
    const byId = new Map(entities.map((entity) => [entity.id, entity]));
    return keys.map((key) => ({
      order: toOrder(byId.get(key.id) as PurchaseOrder),
      key: [Number(key.created_us), key.id],
    }));
  }

  // Scheduled orders whose date has come, locked and skipped by a concurrent run.
  async lockDueScheduled(em: EntityManager, asOf: string, limit: number): Promise<Order[]> {
    const entities = await em.find(
      PurchaseOrder,
      { status: 'scheduled', scheduledFor: { $lte: new Date(asOf) } },
      {
        orderBy: { scheduledFor: 'asc', id: 'asc' },
        limit,
        lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
        refresh: true,
      },
    );
    return entities.map(toOrder);
  }

  async updateStatus(
    em: EntityManager,
    change: {
      id: string;
      status: OrderStatusName;
      at: string;
      failureReason?: string | null;
      paidAt?: string;
      creditedAt?: string;
      paymentMethodId?: string;
    },
  ): Promise<void> {
    const entity = await em.findOneOrFail(PurchaseOrder, change.id);
    entity.status = change.status;
    entity.failureReason = change.failureReason ?? entity.failureReason;
    entity.paidAt = change.paidAt === undefined ? entity.paidAt : new Date(change.paidAt);
    entity.creditedAt = change.creditedAt === undefined ? entity.creditedAt : new Date(change.creditedAt);
    entity.paymentMethodId = change.paymentMethodId ?? entity.paymentMethodId;
    entity.updatedAt = new Date(change.at);
    await em.flush();
  }

  // Adds a bank transfer to what the order received; returns the new total. The caller holds the
  // order's row lock.
  async addReceived(em: EntityManager, id: string, amountMinor: number): Promise<number> {
    const entity = await em.findOneOrFail(PurchaseOrder, id);
    entity.receivedMinor += amountMinor;
    entity.updatedAt = this.clock.now();
    await em.flush();
    return entity.receivedMinor;
  }

  async setRefunded(em: EntityManager, id: string, refundedMinor: number): Promise<void> {
    const entity = await em.findOneOrFail(PurchaseOrder, id);
    entity.refundedMinor = refundedMinor;
    entity.updatedAt = this.clock.now();
    await em.flush();
  }

  async findByBankReference(em: EntityManager, reference: string): Promise<Order | null> {
    const entity = await em.findOne(
      PurchaseOrder,
      { bankReference: reference },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    return entity === null ? null : toOrder(entity);
  }

  async appendTimeline(em: EntityManager, entry: TimelineEntry & { orderId: string }): Promise<void> {
    em.create(OrderTimelineEntry, {
      orderId: entry.orderId,
      status: entry.status,
      previousStatus: entry.previousStatus,
      reason: entry.reason,
      actor: entry.actor,
      at: new Date(entry.at),
    });
    await em.flush();
  }

  async timeline(em: EntityManager, orderId: string): Promise<TimelineEntry[]> {
    const entries = await em.find(OrderTimelineEntry, { orderId }, { orderBy: { id: 'asc' } });
    return entries.map((entry) => ({
      status: entry.status,
      previousStatus: entry.previousStatus,
      reason: entry.reason,
      actor: entry.actor,
      at: entry.at.toISOString(),
    }));
  }

  // Recharges counted against the auto top-up limit: every automatic order except failed ones.
  async countAutoTopUpsSince(em: EntityManager, accountId: string, since: string): Promise<number> {
    return em.count(PurchaseOrder, {
      accountId,
      kind: 'auto_topup',
      status: { $nin: ['failed', 'cancelled'] },
      createdAt: { $gt: new Date(since) },
    });
  }

  // Paid orders of an account in a period, for its invoice.
  async paidBetween(em: EntityManager, accountId: string, from: string, to: string): Promise<Order[]> {
    const entities = await em.find(
      PurchaseOrder,
      { accountId, paidAt: { $gte: new Date(from), $lt: new Date(to) } },
      { orderBy: { paidAt: 'asc', id: 'asc' } },
    );
    return entities.map(toOrder);
  }
}

// The order as the rest of billing sees it: instants as ISO strings, the people as objects.
function toOrder(entity: PurchaseOrder): Order {
  return {
    id: entity.id,
    accountId: entity.accountId,
    kind: entity.kind,
    status: entity.status,
    credits: entity.credits,
    amountMinor: entity.amountMinor,
    currency: entity.currency,
    tierMinCredits: entity.tierMinCredits,
    packCode: entity.packCode,
    paymentKind: entity.paymentKind,
    paymentMethodId: entity.paymentMethodId,
    bankReference: entity.bankReference,
    receivedMinor: entity.receivedMinor,
    refundedMinor: entity.refundedMinor,
    scheduledFor: entity.scheduledFor?.toISOString() ?? null,
    requester: { subject: entity.requesterSubject, name: entity.requesterName, email: entity.requesterEmail },
    approver:
      entity.approverEmail === null
        ? null
        : { name: entity.approverName ?? entity.approverEmail, email: entity.approverEmail },
    subscriptionId: entity.subscriptionId,
    failureReason: entity.failureReason,
    paidAt: entity.paidAt?.toISOString() ?? null,
    creditedAt: entity.creditedAt?.toISOString() ?? null,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
