import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CREDIT_SCALE,
  type CreditsAppliedEvent,
  CreditsGranted,
  type PaymentFailedEvent,
  type PaymentSucceededEvent,
} from '@sms/contracts';
import { Inbox, InboundEvent, Outbox, Rejection } from '@sms/messaging';
import { AutoTopUpService } from '../auto-top-up/auto-top-up.service';
import type { Order } from '../orders/order';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderRepository } from '../orders/order.repository';
import { PaymentMethodRepository } from '../payment-methods/payment-method.repository';
import { Payment, PaymentRepository } from '../payments/payment.repository';
import { grantTerms } from './grant';
import { checkOutcome, OutcomeRejectionCode } from './payment-outcome-check';
import { SettlementMetrics } from './settlement.metrics';

export type PaymentOutcomeEvent =
  { kind: 'succeeded'; payload: PaymentSucceededEvent } | { kind: 'failed'; payload: PaymentFailedEvent };

const CARD_FAILURES = new Set(['card_declined', 'expired_card', 'insufficient_funds']);

// Turns money into credits: a succeeded payment moves its order to paid and grants the credits
// (credits.granted, keyed by the order id); the ledger's credits.applied then marks it credited.
@Injectable()
export class SettlementService {
  private readonly logger = new Logger(SettlementService.name);

  constructor(
    private readonly orders: OrderRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly payments: PaymentRepository,
    private readonly methods: PaymentMethodRepository,
    private readonly autoTopUp: AutoTopUpService,
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
    private readonly metrics: SettlementMetrics,
  ) {}

  // Exactly once per payment id and outcome, and only for a payment billing requested (see
  // checkOutcome): a refused outcome is dead-lettered with its reason and counted.
  async settle(
    tx: EntityManager,
    events: { event: InboundEvent<unknown>; outcome: PaymentOutcomeEvent }[],
  ): Promise<Rejection[]> {
    const rejected: Rejection[] = [];
    const payments = await this.payments.lockMany(tx, [
      ...new Set(events.map((e) => e.outcome.payload.paymentId)),
    ]);
    const orders = await this.orders.lockMany(tx, [...new Set(events.map((e) => e.outcome.payload.orderId))]);
    // A provider may report one outcome twice (its immediate answer and its webhook): the same kind
    // again is a no-op, the opposite kind is refused because the payment is no longer pending. Only
    // outcomes that match a requested payment claim a key, so a forgery cannot block the real one.
    const matching = events.filter(
      (e) => checkOutcome(payments.get(e.outcome.payload.paymentId), e.outcome.payload)?.code !== 'mismatch',
    );
    const fresh = await this.inbox.claim(
      tx,
      'payment-outcome',
      matching.filter((e) => payments.has(e.outcome.payload.paymentId)).map((e) => outcomeKey(e.outcome)),
    );
    for (const { event, outcome } of events) {
      const payment = payments.get(outcome.payload.paymentId);
      const refusal = checkOutcome(payment, outcome.payload);
      if (refusal !== null && refusal.code !== 'not_pending') {
        this.refuse(rejected, event, outcome, refusal);
        continue;
      }
      if (!fresh.delete(outcomeKey(outcome))) {
        continue;
      }
      if (refusal !== null) {
        this.refuse(rejected, event, outcome, refusal);
        continue;
      }
      const order = orders.get(outcome.payload.orderId) as Order;
      const next =
        outcome.kind === 'succeeded'
          ? await this.succeeded(tx, order, outcome.payload, event, rejected)
          : await this.failed(tx, order, outcome.payload);
      orders.set(order.id, next);
      payments.set(outcome.payload.paymentId, { ...(payment as Payment), status: outcome.kind });
    }
    return rejected;
  }

  private refuse(
    rejected: Rejection[],
    event: InboundEvent<unknown>,
    outcome: PaymentOutcomeEvent,
    refusal: { code: OutcomeRejectionCode; reason: string },
  ): void {
    this.logger.warn({
      message: 'payment outcome refused',
      paymentId: outcome.payload.paymentId,
      ...refusal,
    });
    this.metrics.outcomeRefused(event.topic, refusal.code);
    rejected.push({ event, reason: refusal.reason });
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
    await this.payments.settle(tx, {
      id: payment.paymentId,
      status: 'succeeded',
      failureCode: null,
      settledAt: payment.occurredAt,
    });
    if (order.status !== 'awaiting_payment') {
      // Money arrived for an order that is no longer waiting for it: an operator must refund it.
      rejected.push({
        event,
        reason: `order ${order.id} is ${order.status}; payment ${payment.paymentId} needs a refund`,
      });
      return order;
    }
    return this.markPaid(tx, order, {
      actor: payment.provider,
      at: payment.occurredAt,
      reason: `payment ${payment.paymentId}`,
    });
  }

  // The money for the order is in: it becomes paid and the ledger is told to grant its credits.
  async markPaid(
    tx: EntityManager,
    order: Order,
    step: { actor: string; at: string; reason: string },
  ): Promise<Order> {
    const paid = await this.lifecycle.transition(tx, order, 'paid', step);
    await this.outbox.add(tx, CreditsGranted, [
      {
        schemaVersion: 2,
        eventId: randomUUID(),
        occurredAt: step.at,
        accountId: order.accountId,
        orderId: order.id,
        grantedMillicredits: order.credits * CREDIT_SCALE,
        ...grantTerms(order.kind),
      },
    ]);
    return paid;
  }

  private async failed(tx: EntityManager, order: Order, payment: PaymentFailedEvent): Promise<Order> {
    await this.payments.settle(tx, {
      id: payment.paymentId,
      status: 'failed',
      failureCode: payment.code,
      settledAt: payment.occurredAt,
    });
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

function outcomeKey(outcome: PaymentOutcomeEvent): string {
  return `${outcome.payload.paymentId}:${outcome.kind}`;
}
