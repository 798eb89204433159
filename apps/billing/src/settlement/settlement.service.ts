import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CreditsGranted,
  type CreditsAppliedEvent,
  type PaymentFailedEvent,
  type PaymentSucceededEvent,
} from '@sms/contracts';
import { Inbox, InboundEvent, Outbox, Rejection } from '@sms/messaging';
import { AutoTopUpService } from '../auto-top-up/auto-top-up.service';
import type { Order } from '../orders/order';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderRepository } from '../orders/order.repository';
import { PaymentMethodRepository } from '../payment-methods/payment-method.repository';
import { PaymentRepository } from '../payments/payment.repository';
import { grantTerms } from './grant';

export type PaymentOutcomeEvent =
  { kind: 'succeeded'; payload: PaymentSucceededEvent } | { kind: 'failed'; payload: PaymentFailedEvent };

const CARD_FAILURES = new Set(['card_declined', 'expired_card', 'insufficient_funds']);

// Turns money into credits: a succeeded payment moves its order to paid and grants the credits
// (credits.granted, keyed by the order id); the ledger's credits.applied then marks it credited.
@Injectable()
export class SettlementService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly payments: PaymentRepository,
    private readonly methods: PaymentMethodRepository,
    private readonly autoTopUp: AutoTopUpService,
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
  ) {}

  // Exactly once per payment id, whichever topic (or provider retry) it arrives on.
  async settle(
    tx: EntityManager,
    events: { event: InboundEvent<unknown>; outcome: PaymentOutcomeEvent }[],
  ): Promise<Rejection[]> {
    const rejected: Rejection[] = [];
    const orders = await this.orders.lockMany(tx, [...new Set(events.map((e) => e.outcome.payload.orderId))]);
    const valid = events.filter(({ event, outcome }) => {
      const order = orders.get(outcome.payload.orderId);
      const reason = mismatch(order, outcome.payload);
      if (reason !== null) {
        rejected.push({ event, reason });
      }
      return reason === null;
    });
    const fresh = await this.inbox.claim(
      tx,
      'payment-outcome',
      valid.map((e) => e.outcome.payload.paymentId),
    );
    for (const { event, outcome } of valid) {
      if (!fresh.delete(outcome.payload.paymentId)) {
        continue;
      }
      const order = orders.get(outcome.payload.orderId) as Order;
      const next =
        outcome.kind === 'succeeded'
          ? await this.succeeded(tx, order, outcome.payload, event, rejected)
          : await this.failed(tx, order, outcome.payload);
      orders.set(order.id, next);
    }
    return rejected;
  }

  async applied(tx: EntityManager, events: CreditsAppliedEvent[]): Promise<void> {
    const orders = await this.orders.lockMany(tx, [...new Set(events.map((e) => e.orderId))]);
    for (const event of events) {
      const order = orders.get(event.orderId);
      // Grants billing did not make (goodwill, adjustments) or redeliveries need nothing here.
      if (order === undefined || order.accountId !== event.accountId || order.status !== 'paid') {
        continue;
      }
      const credited = await this.lifecycle.transition(tx, order, 'credited', {
        actor: 'ledger',
        at: event.occurredAt,
        reason: `lot ${event.lotId}`,
      });
      orders.set(order.id, credited);
      if (order.kind === 'auto_topup') {
        await this.autoTopUp.onCredited(tx, order, event);
      }
    }
  }

  private async succeeded(
    tx: EntityManager,
    order: Order,
    payment: PaymentSucceededEvent,
    event: InboundEvent<unknown>,
    rejected: Rejection[],
  ): Promise<Order> {
    await this.payments.settle(tx, settlementOf(order, payment, { status: 'succeeded', failureCode: null }));
    if (order.status !== 'awaiting_payment') {
      // Money arrived for an order that is no longer waiting for it: an operator must refund it.
      rejected.push({
        event,
        reason: `order ${order.id} is ${order.status}; payment ${payment.paymentId} needs a refund`,
      });
      return order;
    }
    const paid = await this.lifecycle.transition(tx, order, 'paid', {
      actor: payment.provider,
      at: payment.occurredAt,
      reason: `payment ${payment.paymentId}`,
    });
    await this.outbox.add(tx, CreditsGranted, [
      {
        schemaVersion: 1,
        eventId: randomUUID(),
        occurredAt: payment.occurredAt,
        accountId: order.accountId,
        orderId: order.id,
        credits: order.credits,
        ...grantTerms(order.kind),
      },
    ]);
    return paid;
  }

  private async failed(tx: EntityManager, order: Order, payment: PaymentFailedEvent): Promise<Order> {
    await this.payments.settle(
      tx,
      settlementOf(order, payment, { status: 'failed', failureCode: payment.code }),
    );
    if (order.status !== 'awaiting_payment') {
      return order;
    }
    if (order.paymentMethodId !== null && CARD_FAILURES.has(payment.code)) {
      await this.methods.markFailed(tx, order.paymentMethodId, payment.code);
    }
    const failed = await this.lifecycle.transition(tx, order, 'failed', {
      actor: payment.provider,
      at: payment.occurredAt,
      reason: `${payment.code}: ${payment.reason}`.slice(0, 500),
    });
    if (order.kind === 'auto_topup') {
      await this.autoTopUp.onPaymentFailed(tx, order, payment);
    }
    return failed;
  }
}

function settlementOf(
  order: Order,
  payment: PaymentSucceededEvent | PaymentFailedEvent,
  outcome: { status: 'succeeded' | 'failed'; failureCode: string | null },
) {
  return {
    id: payment.paymentId,
    orderId: order.id,
    accountId: order.accountId,
    provider: payment.provider,
    paymentMethodId: order.paymentMethodId,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    settledAt: payment.occurredAt,
    ...outcome,
  };
}

function mismatch(
  order: Order | undefined,
  payment: { orderId: string; accountId: string; amountMinor: number; currency: string },
): string | null {
  if (order === undefined || order.accountId !== payment.accountId) {
    return `unknown order ${payment.orderId} for account ${payment.accountId}`;
  }
  if (order.amountMinor !== payment.amountMinor || order.currency !== payment.currency) {
    return `payment of ${payment.amountMinor} ${payment.currency} does not match order ${order.id} (${order.amountMinor} ${order.currency})`;
  }
  return null;
}
