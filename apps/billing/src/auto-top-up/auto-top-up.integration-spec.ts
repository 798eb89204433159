import { randomUUID } from 'node:crypto';
import { waitFor } from '@sms/testing';
import { BillingTestApp } from '../../test/billing-test-app';

jest.setTimeout(90_000);

const balanceLow = (accountId: string, balanceMillicredits: number) => ({
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

describe('auto top-up', () => {
  let t: BillingTestApp;

  beforeAll(async () => {
    t = await BillingTestApp.start('billing_autotopup');
  });

  afterAll(async () => {
    await t.stop();
  });

  const enable = (accountId: string, cardId: string, max = 2, creditsToAdd = 20_000) =>
    t
      .http()
      .put(`/accounts/${accountId}/auto-top-up`)
      .set('Authorization', t.token(accountId, 'billing'))
      .send({
        enabled: true,
        thresholdMillicredits: 5_000_000,
        topUpMillicredits: creditsToAdd * 1000,
        paymentMethodId: cardId,
        maxRechargesPer30Days: max,
      });

  const autoOrders = (accountId: string) =>
    t.query<{ id: string; status: string; credits: string }>(
      `select id, status, credits from billing.purchase_order where account_id = $1 and kind = 'auto_topup' order by created_at`,
      [accountId],
    );

  const settled = async (accountId: string, count: number) =>
    waitFor(
      async () => {
        const orders = await autoOrders(accountId);
        return orders.length === count && orders.every((o) => o.status !== 'awaiting_payment')
          ? orders
          : false;
      },
      { what: `${count} settled auto top-ups` },
    );

  it('refuses the old credit fields with a 400 naming them, and answers the millicredits it was given', async () => {
    const { cardId } = await t.customer('acc-units');
    const owner = t.token('acc-units', 'billing');
    const refused = await t
      .http()
      .put('/accounts/acc-units/auto-top-up')
      .set('Authorization', owner)
      .send({
        enabled: false,
        thresholdCredits: 5000,
        creditsToAdd: 20_000,
        paymentMethodId: cardId,
        maxRechargesPer30Days: 2,
      })
      .expect(400);
    const reasons = JSON.stringify(refused.body.message);
    expect(reasons).toContain('property thresholdCredits should not exist');
    expect(reasons).toContain('property creditsToAdd should not exist');
    const fractional = await t
      .http()
      .put('/accounts/acc-units/auto-top-up')
      .set('Authorization', owner)
      .send({
        enabled: false,
        thresholdMillicredits: 5_000_001,
        topUpMillicredits: 20_000_000,
        paymentMethodId: cardId,
        maxRechargesPer30Days: 2,
      })
      .expect(400);
    expect(JSON.stringify(fractional.body.message)).toContain('thresholdMillicredits must be whole credits');
    const body = {
      enabled: false,
      thresholdMillicredits: 7_000_000,
      topUpMillicredits: 30_000_000,
      paymentMethodId: cardId,
      maxRechargesPer30Days: 2,
    };
    const saved = await t
      .http()
      .put('/accounts/acc-units/auto-top-up')
      .set('Authorization', owner)
      .send(body)
      .expect(200);
    expect(saved.body).toMatchObject(body);
    const read = await t
      .http()
      .get('/accounts/acc-units/auto-top-up')
      .set('Authorization', owner)
      .expect(200);
    expect(read.body).toMatchObject(body);
  });

  it('answers auto top-up switched off with nothing chosen before the first save', async () => {
    const response = await t
      .http()
      .get('/accounts/acc-unsaved/auto-top-up')
      .set('Authorization', t.token('acc-unsaved', 'member'))
      .expect(200);
    expect(response.body).toEqual({
      accountId: 'acc-unsaved',
      enabled: false,
      thresholdMillicredits: 0,
      topUpMillicredits: 0,
      paymentMethodId: null,
      maxRechargesPer30Days: 0,
      state: 'armed',
      armedAt: null,
      currentOrderId: null,
      disabledReason: null,
    });
  });

  it('charges once for a burst of balance.low in one dip, then stops at the 30-day limit', async () => {
    const { cardId } = await t.customer('acc-burst');
    await enable('acc-burst', cardId).expect(200);
    expect(await t.outbox('balance-monitors.configured', 'acc-burst')).toEqual([
      expect.objectContaining({ purpose: 'auto_topup', levelsMillicredits: [5_000_000] }),
    ]);

    const burst = Array.from({ length: 25 }, () => balanceLow('acc-burst', -30_000_500));
    await t.produce('balance.low', [...burst, burst[0]]);
    const [first] = await settled('acc-burst', 1);
    expect(first).toMatchObject({ status: 'paid', credits: '20000' });
    await t.produce('balance.low', burst.slice(0, 3));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await autoOrders('acc-burst')).toHaveLength(1);
    expect(await t.outbox('credits.granted', 'acc-burst')).toEqual([
      expect.objectContaining({ orderId: first.id, source: 'auto_topup', grantedMillicredits: 20_000_000 }),
    ]);

    // Credited above the threshold: the rule re-arms and the next dip charges again.
    await t.ledgerApplies({
      accountId: 'acc-burst',
      orderId: first.id,
      grantedMillicredits: 20_000_000,
      balanceMillicredits: 6_000_000,
    });
    await waitFor(async () => (await t.orderStatus('acc-burst', first.id)) === 'credited', {
      what: 'credited',
    });
    await t.produce('balance.low', [balanceLow('acc-burst', 4_000_000)]);
    const [, second] = await settled('acc-burst', 2);
    expect(second).toMatchObject({ status: 'paid', credits: '20000' });
    await t.ledgerApplies({ accountId: 'acc-burst', orderId: second.id, grantedMillicredits: 20_000_000 });
    await waitFor(async () => (await t.orderStatus('acc-burst', second.id)) === 'credited', {
      what: 'credited',
    });

    // A third dip within 30 days is over the limit of 2: no charge, and the owner is told.
    await t.produce('balance.low', [balanceLow('acc-burst', 4_000_000)]);
    const [failure] = await waitFor(
      async () => {
        const events = await t.outbox('autotopup.failed', 'acc-burst');
        return events.length > 0 ? events : false;
      },
      { what: 'limit reached notice' },
    );
    expect(failure).toMatchObject({
      kind: 'limit_reached',
      disabled: false,
      rechargesInLast30Days: 2,
      maxRechargesPer30Days: 2,
    });
    expect(await autoOrders('acc-burst')).toHaveLength(2);
  });

  it('buys exactly the configured 10,000 credits when the purchase step is 10,000', async () => {
    const { cardId } = await t.customer('acc-exact');
    await enable('acc-exact', cardId, 5, 10_000).expect(200);
    await t.produce('balance.low', [balanceLow('acc-exact', 4_999_000)]);
    const [order] = await settled('acc-exact', 1);
    expect(order).toMatchObject({ status: 'paid', credits: '10000' });
    expect(await t.outbox('credits.granted', 'acc-exact')).toEqual([
      expect.objectContaining({ orderId: order.id, grantedMillicredits: 10_000_000 }),
    ]);
  });

  it('follows a top-up that leaves the balance below the threshold with the next, each counting toward the limit', async () => {
    const { cardId } = await t.customer('acc-deep');
    await enable('acc-deep', cardId, 2).expect(200);
    await t.produce('balance.low', [balanceLow('acc-deep', -50_000_000)]);
    const [first] = await settled('acc-deep', 1);
    expect(first).toMatchObject({ status: 'paid', credits: '20000' });

    // −50,000 + 20,000 is still below 5,000: the next top-up of the configured size follows.
    await t.ledgerApplies({
      accountId: 'acc-deep',
      orderId: first.id,
      grantedMillicredits: 20_000_000,
      balanceMillicredits: -30_000_000,
    });
    const [, second] = await settled('acc-deep', 2);
    expect(second).toMatchObject({ status: 'paid', credits: '20000' });

    // −10,000 is still below, but two recharges in 30 days is the limit: no third, and the owner is told.
    await t.ledgerApplies({
      accountId: 'acc-deep',
      orderId: second.id,
      grantedMillicredits: 20_000_000,
      balanceMillicredits: -10_000_000,
    });
    const [failure] = await waitFor(
      async () => {
        const events = await t.outbox('autotopup.failed', 'acc-deep');
        return events.length > 0 ? events : false;
      },
      { what: 'limit reached notice' },
    );
    expect(failure).toMatchObject({
      kind: 'limit_reached',
      rechargesInLast30Days: 2,
      maxRechargesPer30Days: 2,
    });
    expect((await autoOrders('acc-deep')).map((o) => o.credits)).toEqual(['20000', '20000']);
  });

  it('stops following once a top-up lifts the balance above the threshold', async () => {
    const { cardId } = await t.customer('acc-lifted');
    await enable('acc-lifted', cardId, 5).expect(200);
    await t.produce('balance.low', [balanceLow('acc-lifted', -20_000_000)]);
    const [first] = await settled('acc-lifted', 1);
    await t.ledgerApplies({
      accountId: 'acc-lifted',
      orderId: first.id,
      grantedMillicredits: 20_000_000,
      balanceMillicredits: 0,
    });
    const [, second] = await settled('acc-lifted', 2);
    await t.ledgerApplies({
      accountId: 'acc-lifted',
      orderId: second.id,
      grantedMillicredits: 20_000_000,
      balanceMillicredits: 20_000_000,
    });
    await waitFor(async () => (await t.orderStatus('acc-lifted', second.id)) === 'credited', {
      what: 'credited',
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await autoOrders('acc-lifted')).map((o) => o.credits)).toEqual(['20000', '20000']);
  });

  it('switches itself off after a declined card and back on once the card is updated', async () => {
    const { cardId } = await t.customer('acc-declined', '4000000000000002');
    await enable('acc-declined', cardId, 5).expect(200);
    await t.produce('balance.low', [balanceLow('acc-declined', 1_000_000)]);
    const [failedOrder] = await settled('acc-declined', 1);
    expect(failedOrder.status).toBe('failed');
    const [failure] = await waitFor(
      async () => {
        const events = await t.outbox('autotopup.failed', 'acc-declined');
        return events.length > 0 ? events : false;
      },
      { what: 'payment failed notice' },
    );
    expect(failure).toMatchObject({ kind: 'payment_failed', disabled: true });
    const off = await t
      .http()
      .get('/accounts/acc-declined/auto-top-up')
      .set('Authorization', t.token('acc-declined', 'member'))
      .expect(200);
    expect(off.body).toMatchObject({ enabled: false, disabledReason: 'payment failed: card_declined' });

    const stillDeclined = await enable('acc-declined', cardId, 5).expect(409);
    expect(stillDeclined.body.message).toContain('update it');
    await t
      .http()
      .patch(`/accounts/acc-declined/payment-methods/${cardId}`)
      .set('Authorization', t.token('acc-declined'))
      .send({ cardNumber: '4242424242424242', expMonth: 11, expYear: 2034 })
      .expect(200);
    const on = await enable('acc-declined', cardId, 5).expect(200);
    expect(on.body).toMatchObject({ enabled: true, state: 'armed', disabledReason: null });

    await t.produce('balance.low', [balanceLow('acc-declined', 1_000_000)]);
    const orders = await settled('acc-declined', 2);
    expect(orders[1].status).toBe('paid');
  });
});
