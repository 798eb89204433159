import { waitFor } from '@sms/testing';
import { BillingTestApp } from '../../test/billing-test-app';
import { FakeStripe } from '../../test/fake-stripe';

jest.setTimeout(120_000);

// Anyone who can write to the broker can publish payment.succeeded; billing must grant credits only
// for a payment it asked a provider for, with every detail as it asked.
describe('payment outcomes billing did not request', () => {
  let stripe: FakeStripe;
  let t: BillingTestApp;

  beforeAll(async () => {
    stripe = await FakeStripe.start();
    // The fake Stripe leaves PaymentIntents processing, so each card payment stays pending.
    stripe.paymentIntentStatus = 'processing';
    t = await BillingTestApp.start('billing_forged', {
      STRIPE_SECRET_KEY: 'sk_test_fake',
      STRIPE_API_URL: stripe.url,
    });
  });

  afterAll(async () => {
    await t.stop();
    await stripe.stop();
  });

  const outcome = (fields: Record<string, unknown>) => ({
    schemaVersion: 1,
    currency: 'EUR',
    provider: 'stripe',
    occurredAt: new Date().toISOString(),
    ...fields,
  });

  // A card order whose charge billing requested and is waiting for.
  const pendingCardOrder = async (accountId: string) => {
    const { cardId } = await t.stripeCustomer(accountId, stripe);
    const created = await t
      .http()
      .post(`/accounts/${accountId}/orders`)
      .set('Authorization', t.token(accountId))
      .send({ amountMillicredits: 10_000_000, paymentKind: 'card', paymentMethodId: cardId })
      .expect(201);
    const [payment] = await waitFor(
      async () => {
        const rows = await t.query<{ id: string; amount_minor: string }>(
          "select id, amount_minor from billing.payment where order_id = $1 and status = 'pending'",
          [created.body.id],
        );
        const charged = stripe.requests.some(
          (r) => r.path === '/v1/payment_intents' && r.form['metadata[orderId]'] === created.body.id,
        );
        return charged && rows.length === 1 ? rows : false;
      },
      { what: 'charge requested at Stripe' },
    );
    return {
      orderId: created.body.id as string,
      paymentId: payment.id,
      amountMinor: Number(payment.amount_minor),
    };
  };

  const refusedCount = async (): Promise<number> => {
    const metrics = await t.http().get('/metrics').expect(200);
    return [...metrics.text.matchAll(/^billing_payment_outcomes_refused_total\{[^}]*\} (\d+)$/gm)]
      .map((m) => Number(m[1]))
      .reduce((a, b) => a + b, 0);
  };

  it('dead-letters forged outcomes with the reason, counts them and grants nothing', async () => {
    await t.profile('acc-bank');
    const bank = await t
      .http()
      .post('/accounts/acc-bank/orders')
      .set('Authorization', t.token('acc-bank'))
      .send({ amountMillicredits: 10_000_000, paymentKind: 'bank_transfer' })
      .expect(201);
    const card = await pendingCardOrder('acc-card');
    const other = await pendingCardOrder('acc-other');
    const base = {
      orderId: card.orderId,
      accountId: 'acc-card',
      paymentId: card.paymentId,
      amountMinor: card.amountMinor,
    };

    await t.produce('payment.succeeded', [
      // A bank transfer "paid" by a bare event: billing never requested a payment for it.
      outcome({
        paymentId: 'pay_bank_forged',
        orderId: bank.body.id,
        accountId: 'acc-bank',
        amountMinor: bank.body.amountMinor,
        provider: 'bank_transfer',
      }),
      outcome({ ...base, amountMinor: 1 }),
      outcome({ ...base, currency: 'USD' }),
      outcome({ ...base, paymentId: 'pay_never_requested' }),
      // acc-card's real pending payment presented as paying acc-other's order.
      outcome({ ...base, orderId: other.orderId, accountId: 'acc-other' }),
      outcome({ ...base, provider: 'simulated' }),
    ]);
    const dead = await t.deadLetters('payment.succeeded', 6);
    // Keyed by account, so they may come back from different partitions in any order.
    expect(dead.map((d) => d.headers['dlq-reason']).sort()).toEqual(
      [
        'unknown payment pay_bank_forged: billing did not request it',
        `payment ${card.paymentId} does not match what billing requested: amount 1 (expected ${card.amountMinor})`,
        `payment ${card.paymentId} does not match what billing requested: currency USD (expected EUR)`,
        'unknown payment pay_never_requested: billing did not request it',
        `payment ${card.paymentId} does not match what billing requested: order ${other.orderId} (expected ${card.orderId}), account acc-other (expected acc-card)`,
        `payment ${card.paymentId} does not match what billing requested: provider simulated (expected stripe)`,
      ].sort(),
    );
    expect(await refusedCount()).toBe(6);
    expect(await t.orderStatus('acc-bank', bank.body.id)).toBe('awaiting_payment');
    expect(await t.orderStatus('acc-card', card.orderId)).toBe('awaiting_payment');
    expect(await t.orderStatus('acc-other', other.orderId)).toBe('awaiting_payment');
    expect(await t.query("select * from billing.outbox where topic like '%credits.granted'")).toEqual([]);

    // The real outcome still settles the payment once: a forgery did not use up its key.
    await t.produce('payment.succeeded', [outcome(base), outcome(base)]);
    await waitFor(async () => (await t.orderStatus('acc-card', card.orderId)) === 'paid', {
      what: 'real payment',
    });
    expect(await t.outbox('credits.granted', 'acc-card')).toHaveLength(1);
  });

  it('refuses an outcome for a payment that already settled the other way', async () => {
    const card = await pendingCardOrder('acc-settled');
    const base = {
      orderId: card.orderId,
      accountId: 'acc-settled',
      paymentId: card.paymentId,
      amountMinor: card.amountMinor,
    };
    await t.produce('payment.failed', [
      outcome({ ...base, code: 'card_declined', reason: 'Your card was declined.' }),
    ]);
    await waitFor(async () => (await t.orderStatus('acc-settled', card.orderId)) === 'failed', {
      what: 'failed',
    });
    await t.produce('payment.succeeded', [outcome(base)]);
    const dead = await t.deadLetters('payment.succeeded', 7);
    expect(dead.map((d) => d.headers['dlq-reason'])).toContain(`payment ${card.paymentId} is already failed`);
    expect(await t.orderStatus('acc-settled', card.orderId)).toBe('failed');
    expect(await t.outbox('credits.granted', 'acc-settled')).toEqual([]);
  });
});
