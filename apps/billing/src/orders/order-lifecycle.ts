import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, Inject } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CREDIT_SCALE,
  eventEnvelope,
  OrderStatusChanged,
  type OrderStatusName,
  PaymentRequested,
} from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { CLOCK, type Clock } from '@sms/runtime';
import { PaymentMethodRepository } from '../payment-methods/payment-method.repository';
import { PaymentRepository } from '../payments/payment.repository';
import { newId } from '../shared/ids';
import { canTransition, Order } from './order';
import { NewOrder, OrderRepository } from './order.repository';

export interface SystemOrder {
  accountId: string;
  kind: 'subscription' | 'auto_topup';
  credits: number;
  amountMinor: number;
  currency: string;
  tierMinCredits: number | null;
  paymentMethodId: string;
  subscriptionId: string | null;
  actor: string;
  reason: string;
}

// Moves orders along their timeline. Every move is one timeline row and one order.status-changed
// event, written in the caller's transaction.
@Injectable()
export class OrderLifecycle {
  constructor(
    private readonly orders: OrderRepository,
    private readonly payments: PaymentRepository,
    private readonly methods: PaymentMethodRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async transition(
    tx: EntityManager,
    order: Order,
    to: OrderStatusName,
    options: { actor: string; reason?: string; at?: string; paymentMethodId?: string },
  ): Promise<Order> {
    if (!canTransition(order.status, to)) {
      throw new ConflictException(`Order ${order.id} is ${order.status} and cannot become ${to}`);
    }
    const at = options.at ?? this.clock.now().toISOString();
    const reason = options.reason ?? null;
    await this.orders.updateStatus(tx, {
      id: order.id,
      status: to,
      at,
      failureReason: to === 'failed' ? reason : null,
      paidAt: to === 'paid' ? at : undefined,
      creditedAt: to === 'credited' ? at : undefined,
      paymentMethodId: options.paymentMethodId,
    });
    await this.orders.appendTimeline(tx, {
      orderId: order.id,
      status: to,
      previousStatus: order.status,
      reason,
      actor: options.actor,
      at,
    });
    await this.outbox.add(tx, OrderStatusChanged, [
      {
        schemaVersion: 2,
        eventId: randomUUID(),
        occurredAt: at,
        accountId: order.accountId,
        orderId: order.id,
        status: to,
        previousStatus: order.status,
        amountMillicredits: order.credits * CREDIT_SCALE,
        amountMinor: order.amountMinor,
        currency: order.currency,
        reason,
      },
    ]);
    return {
      ...order,
      status: to,
      updatedAt: at,
      paidAt: to === 'paid' ? at : order.paidAt,
      creditedAt: to === 'credited' ? at : order.creditedAt,
      failureReason: to === 'failed' ? reason : order.failureReason,
      paymentMethodId: options.paymentMethodId ?? order.paymentMethodId,
    };
  }

  async insert(tx: EntityManager, order: NewOrder, actor: string): Promise<Order | null> {
    const created = await this.orders.insert(tx, order);
    if (created !== null) {
      await this.orders.appendTimeline(tx, {
        orderId: created.id,
        status: 'created',
        previousStatus: null,
        reason: null,
        actor,
        at: created.createdAt,
      });
    }
    return created;
  }

  // An approved (or approval-free) order waits for its date, or is placed now.
  async proceed(tx: EntityManager, order: Order, options: { actor: string; now: string }): Promise<Order> {
    if (order.scheduledFor !== null && Date.parse(order.scheduledFor) > Date.parse(options.now)) {
      return this.transition(tx, order, 'scheduled', {
        actor: options.actor,
        reason: `for ${order.scheduledFor}`,
      });
    }
    return this.place(tx, order, options.actor);
  }

  // Asks for the money: a card charge goes to its provider through payment.requested; a bank transfer
  // waits for the payment to be reconciled.
  async place(tx: EntityManager, order: Order, actor: string): Promise<Order> {
    if (order.paymentKind === 'bank_transfer') {
      return this.transition(tx, order, 'awaiting_payment', {
        actor,
        reason: `bank transfer with reference ${order.bankReference}`,
      });
    }
    const method =
      order.paymentMethodId === null ? null : await this.methods.findById(tx, order.paymentMethodId);
    if (method === null || method.status !== 'active') {
      const waiting = await this.transition(tx, order, 'awaiting_payment', { actor });
      return this.transition(tx, waiting, 'failed', { actor, reason: 'the saved card was removed' });
    }
    const paymentId = newId('pay');
    await this.payments.insert(tx, {
      id: paymentId,
      orderId: order.id,
      accountId: order.accountId,
      provider: method.provider,
      paymentMethodId: method.id,
      amountMinor: order.amountMinor,
      currency: order.currency,
    });
    const placed = await this.transition(tx, order, 'awaiting_payment', {
      actor,
      reason: `charging ${method.brand} •••• ${method.last4}`,
    });
    await this.outbox.add(tx, PaymentRequested, [
      {
        ...eventEnvelope(this.clock.now()),
        accountId: order.accountId,
        paymentId,
        orderId: order.id,
        paymentMethodId: method.id,
        amountMinor: order.amountMinor,
        currency: order.currency,
      },
    ]);
    return placed;
  }

  // Orders billing raises by itself (renewals, auto top-ups): no approval, charged at once.
  async placeSystemOrder(tx: EntityManager, input: SystemOrder): Promise<Order> {
    const created = await this.insert(
      tx,
      {
        id: newId('ord'),
        accountId: input.accountId,
        kind: input.kind,
        credits: input.credits,
        amountMinor: input.amountMinor,
        currency: input.currency,
        tierMinCredits: input.tierMinCredits,
        packCode: null,
        paymentKind: 'card',
        paymentMethodId: input.paymentMethodId,
        bankReference: null,
        scheduledFor: null,
        requester: { subject: input.actor, name: input.reason, email: null },
        approver: null,
        subscriptionId: input.subscriptionId,
        idempotencyKey: null,
        requestHash: null,
      },
      input.actor,
    );
    return this.place(tx, created as Order, input.actor);
  }
}
