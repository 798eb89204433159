import { randomUUID } from 'node:crypto';
import { ConflictException, ForbiddenException, UnprocessableEntityException } from '@nestjs/common';
import type { Principal } from '@sms/auth';
import { OrderApprovalRequested, OrderStatusChanged, PaymentRequested } from '@sms/contracts';
import type { TestingModule } from '@nestjs/testing';
import {
  createBillingServiceTestModule,
  outboxPayloads,
  queryRows,
} from '../../test/billing-service-test-module';
import { PaymentMethodsService } from '../payment-methods/payment-methods.service';
import { BillingProfilesService } from '../profiles/billing-profiles.service';
import type { CreateOrderDto } from './create-order.dto';
import { OrdersModule } from './orders.module';
import { OrdersService } from './orders.service';

jest.setTimeout(60_000);

// The orders service against real PostgreSQL, without HTTP or Kafka: what it writes (orders, their
// timeline, payments, outbox events) is read back from billing's tables.
describe(OrdersService.name, () => {
  let moduleRef: TestingModule;
  let orders: OrdersService;

  beforeAll(async () => {
    moduleRef = await createBillingServiceTestModule('billing_orders_service', [OrdersModule]);
    orders = moduleRef.get(OrdersService);
  });

  afterAll(async () => {
    await moduleRef.close();
  });

  const owner = (accountId: string): Principal => ({
    subject: 'owner@example.com',
    accountId,
    role: 'owner',
  });

  // An account with a EUR billing profile in Europe/Rome and a saved test card.
  const customer = async () => {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    await moduleRef.get(BillingProfilesService).put(accountId, {
      legalName: 'Example Srl',
      email: 'billing@example.com',
      country: 'IT',
      currency: 'EUR',
      timeZone: 'Europe/Rome',
    });
    const card = await moduleRef.get(PaymentMethodsService).add(accountId, {
      provider: 'simulated',
      cardNumber: '4242424242424242',
      expMonth: 12,
      expYear: 2035,
    });
    return { accountId, cardId: card.id };
  };

  const create = (accountId: string, dto: CreateOrderDto, idempotencyKey: string | null = null) =>
    orders.create({ principal: owner(accountId), accountId, dto, idempotencyKey });

  it('charges a saved card at once: a timeline from created to awaiting payment and one payment request', async () => {
    const { accountId, cardId } = await customer();

    const { order, created } = await create(accountId, {
      amountMillicredits: 100_000_000,
      paymentKind: 'card',
      paymentMethodId: cardId,
    });

    expect(created).toBe(true);
    expect(order).toMatchObject({
      status: 'awaiting_payment',
      credits: 100_000,
      amountMinor: 40_000,
      currency: 'EUR',
      tierMinCredits: 100_000,
      paymentMethodId: cardId,
      bankTransfer: null,
    });
    expect(order.timeline.map((step) => [step.previousStatus, step.status])).toEqual([
      [null, 'created'],
      ['created', 'awaiting_payment'],
    ]);
    expect(await outboxPayloads(moduleRef, PaymentRequested.topic, accountId)).toEqual([
      expect.objectContaining({ orderId: order.id, paymentMethodId: cardId, amountMinor: 40_000 }),
    ]);
    const payments = await queryRows<{ status: string; amount_minor: number }>(
      moduleRef,
      'select status, amount_minor from billing.payment where order_id = ?',
      [order.id],
    );
    expect(payments).toEqual([{ status: 'pending', amount_minor: 40_000 }]);
    expect(await orders.show(accountId, order.id)).toEqual({ ...order, updatedAt: expect.any(String) });
  });

  it('gives back the first order for a repeated Idempotency-Key and refuses the key for another request', async () => {
    const { accountId, cardId } = await customer();
    const dto: CreateOrderDto = {
      amountMillicredits: 10_000_000,
      paymentKind: 'card',
      paymentMethodId: cardId,
    };

    const first = await create(accountId, dto, 'key-1');
    const again = await create(accountId, dto, 'key-1');

    expect(again).toEqual({ order: first.order, created: false });
    await expect(create(accountId, { ...dto, amountMillicredits: 20_000_000 }, 'key-1')).rejects.toThrow(
      UnprocessableEntityException,
    );
    const rows = await queryRows(moduleRef, 'select id from billing.purchase_order where account_id = ?', [
      accountId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('waits for the named approver, refuses anyone else, then places the order', async () => {
    const { accountId, cardId } = await customer();
    const approver = { name: 'Ada', email: 'ada@example.com' };
    const { order } = await create(accountId, {
      amountMillicredits: 10_000_000,
      paymentKind: 'card',
      paymentMethodId: cardId,
      approver,
    });
    expect(order.status).toBe('awaiting_approval');
    expect(await outboxPayloads(moduleRef, OrderApprovalRequested.topic, accountId)).toEqual([
      expect.objectContaining({ orderId: order.id, approver }),
    ]);

    await expect(orders.approve(owner(accountId), accountId, order.id)).rejects.toThrow(ForbiddenException);
    const approved = await orders.approve(
      { subject: approver.email, accountId, role: 'billing' },
      accountId,
      order.id,
    );

    expect(approved.status).toBe('awaiting_payment');
    expect(approved.timeline.map((step) => step.status)).toEqual([
      'created',
      'awaiting_approval',
      'approved',
      'awaiting_payment',
    ]);
    expect(approved.timeline.map((step) => step.actor)).toEqual([
      'owner@example.com',
      'owner@example.com',
      approver.email,
      approver.email,
    ]);
  });

  it('places a scheduled order on its date in the account time zone, and not before', async () => {
    const { accountId, cardId } = await customer();
    const { order } = await create(accountId, {
      amountMillicredits: 10_000_000,
      paymentKind: 'card',
      paymentMethodId: cardId,
      scheduledFor: '2099-03-01',
    });
    expect(order).toMatchObject({ status: 'scheduled', scheduledFor: '2099-02-28T23:00:00.000Z' });

    await orders.placeDueScheduled('2099-02-28T22:59:59.999Z');
    expect((await orders.show(accountId, order.id)).status).toBe('scheduled');

    await orders.placeDueScheduled('2099-02-28T23:00:00.000Z');
    const placed = await orders.show(accountId, order.id);
    expect(placed.status).toBe('awaiting_payment');
    expect(placed.timeline.at(-1)).toMatchObject({ previousStatus: 'scheduled', actor: 'scheduler' });
  });

  it('cancels a bank transfer still waiting for money, but not a card charge already on its way', async () => {
    const { accountId, cardId } = await customer();
    const transfer = await create(accountId, {
      amountMillicredits: 10_000_000,
      paymentKind: 'bank_transfer',
    });
    expect(transfer.order.bankTransfer).toMatchObject({ amountMinor: 4_500, currency: 'EUR' });
    const card = await create(accountId, {
      amountMillicredits: 10_000_000,
      paymentKind: 'card',
      paymentMethodId: cardId,
    });

    const cancelled = await orders.cancel(owner(accountId), accountId, transfer.order.id);
    await expect(orders.cancel(owner(accountId), accountId, card.order.id)).rejects.toThrow(
      ConflictException,
    );

    expect(cancelled.status).toBe('cancelled');
    const changes = await outboxPayloads<{ orderId: string; status: string }>(
      moduleRef,
      OrderStatusChanged.topic,
      accountId,
    );
    expect(changes.filter((c) => c.orderId === transfer.order.id).map((c) => c.status)).toEqual([
      'awaiting_payment',
      'cancelled',
    ]);
  });
});
