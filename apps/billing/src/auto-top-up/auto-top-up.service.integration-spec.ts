import { randomUUID } from 'node:crypto';
import {
  AutoTopUpFailed,
  BalanceMonitorsConfigured,
  PaymentRequested,
  type BalanceLowEvent,
  type PaymentFailedEvent,
} from '@sms/contracts';
import type { TestingModule } from '@nestjs/testing';
import {
  createBillingServiceTestModule,
  outboxPayloads,
  queryRows,
} from '../../test/billing-service-test-module';
import { OrderRepository } from '../orders/order.repository';
import type { Order } from '../orders/order';
import { PaymentMethodsService } from '../payment-methods/payment-methods.service';
import { BillingProfilesService } from '../profiles/billing-profiles.service';
import { AutoTopUpModule } from './auto-top-up.module';
import { AutoTopUpService } from './auto-top-up.service';
import { UnitOfWork } from '@sms/persistence';

jest.setTimeout(60_000);

// The auto top-up service against real PostgreSQL, without HTTP or Kafka: balance events are handed
// to it in transactions the way its consumer does, and its effects are read from billing's tables.
describe(AutoTopUpService.name, () => {
  let moduleRef: TestingModule;
  let autoTopUp: AutoTopUpService;
  let transactions: UnitOfWork;
  let orders: OrderRepository;

  beforeAll(async () => {
    moduleRef = await createBillingServiceTestModule('billing_autotopup_service', [AutoTopUpModule]);
    autoTopUp = moduleRef.get(AutoTopUpService);
    transactions = moduleRef.get(UnitOfWork);
    orders = moduleRef.get(OrderRepository);
  });

  afterAll(async () => {
    await moduleRef.close();
  });

  // An account with a EUR billing profile, a saved test card and auto top-up on at 5,000 credits.
  const account = async (options: { maxRechargesPer30Days?: number } = {}) => {
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
    await autoTopUp.put(accountId, {
      enabled: true,
      thresholdMillicredits: 5_000_000,
      topUpMillicredits: 20_000_000,
      paymentMethodId: card.id,
      maxRechargesPer30Days: options.maxRechargesPer30Days ?? 2,
    });
    return accountId;
  };

  const balanceLow = (accountId: string, balanceMillicredits: number): BalanceLowEvent => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    accountId,
    monitorId: `mon-${accountId}`,
    purpose: 'auto_topup',
    levelMillicredits: 5_000_000,
    balanceMillicredits,
    availableMillicredits: balanceMillicredits,
    estimatedSmsLeft: null,
  });

  const autoOrders = (accountId: string) =>
    queryRows<{ id: string; status: string; credits: number }>(
      moduleRef,
      "select id, status, credits from billing.purchase_order where account_id = ? and kind = 'auto_topup' order by created_at",
      [accountId],
    );

  const order = async (accountId: string, id: string): Promise<Order> =>
    (await transactions.run((tx) => orders.find(tx, accountId, id))) as Order;

  it('charges once for a dip however many balance.low arrive for it', async () => {
    const accountId = await account();
    for (const balance of [4_000_000, 3_000_000, 2_000_000]) {
      await transactions.run((tx) => autoTopUp.onBalanceLow(tx, balanceLow(accountId, balance)));
    }

    const placed = await autoOrders(accountId);
    expect(placed).toEqual([{ id: expect.any(String), status: 'awaiting_payment', credits: 20_000 }]);
    expect(await outboxPayloads(moduleRef, PaymentRequested.topic, accountId)).toHaveLength(1);
    expect(await autoTopUp.get(accountId)).toMatchObject({
      state: 'in_flight',
      currentOrderId: placed[0].id,
    });
  });

  it('keeps a top-up still being charged counting for its dip when the balance recovers', async () => {
    const accountId = await account();
    await transactions.run((tx) => autoTopUp.onBalanceLow(tx, balanceLow(accountId, 1_000_000)));

    await transactions.run((tx) => autoTopUp.onBalanceRecovered(tx, accountId, new Date().toISOString()));
    await transactions.run((tx) => autoTopUp.onBalanceLow(tx, balanceLow(accountId, 1_000_000)));

    expect(await autoOrders(accountId)).toHaveLength(1);
    expect((await autoTopUp.get(accountId)).state).toBe('in_flight');
  });

  it('charges the next dip after the credits landed, and stops at the 30-day limit with a notice', async () => {
    const accountId = await account({ maxRechargesPer30Days: 1 });
    await transactions.run((tx) => autoTopUp.onBalanceLow(tx, balanceLow(accountId, 1_000_000)));
    const [first] = await autoOrders(accountId);
    await transactions.run(async (tx) =>
      autoTopUp.onCredited(tx, await order(accountId, first.id), {
        occurredAt: new Date().toISOString(),
        balanceMillicredits: 21_000_000,
      }),
    );
    expect((await autoTopUp.get(accountId)).state).toBe('armed');

    await transactions.run((tx) => autoTopUp.onBalanceLow(tx, balanceLow(accountId, 1_000_000)));

    expect(await autoOrders(accountId)).toHaveLength(1);
    expect((await autoTopUp.get(accountId)).state).toBe('limit_reached');
    expect(await outboxPayloads(moduleRef, AutoTopUpFailed.topic, accountId)).toEqual([
      expect.objectContaining({
        kind: 'limit_reached',
        disabled: false,
        rechargesInLast30Days: 1,
        maxRechargesPer30Days: 1,
      }),
    ]);
  });

  it('switches itself off after a declined charge, tells the owner and stops watching the balance', async () => {
    const accountId = await account();
    await transactions.run((tx) => autoTopUp.onBalanceLow(tx, balanceLow(accountId, 1_000_000)));
    const [placed] = await autoOrders(accountId);
    const declined: PaymentFailedEvent = {
      schemaVersion: 1,
      paymentId: 'pay_declined',
      orderId: placed.id,
      accountId,
      amountMinor: 9000,
      currency: 'EUR',
      provider: 'simulated',
      occurredAt: new Date().toISOString(),
      code: 'card_declined',
      reason: 'The card was declined.',
    };

    await transactions.run(async (tx) =>
      autoTopUp.onPaymentFailed(tx, await order(accountId, placed.id), declined),
    );

    expect(await autoTopUp.get(accountId)).toMatchObject({
      enabled: false,
      state: 'armed',
      currentOrderId: null,
      disabledReason: 'payment failed: card_declined',
    });
    expect(await outboxPayloads(moduleRef, AutoTopUpFailed.topic, accountId)).toEqual([
      expect.objectContaining({ kind: 'payment_failed', disabled: true }),
    ]);
    const monitors = await outboxPayloads<{ levelsMillicredits: number[] }>(
      moduleRef,
      BalanceMonitorsConfigured.topic,
      accountId,
    );
    expect(monitors.map((m) => m.levelsMillicredits)).toEqual([[5_000_000], []]);

    await transactions.run((tx) => autoTopUp.onBalanceLow(tx, balanceLow(accountId, 500_000)));
    expect(await autoOrders(accountId)).toHaveLength(1);
  });
});
