import Stripe from 'stripe';
import { waitFor } from '@sms/testing';
import { BillingTestApp, STRIPE_WEBHOOK_SECRET } from '../../test/billing-test-app';
import { FakeStripe } from '../../test/fake-stripe';

jest.setTimeout(90_000);

describe('Stripe webhook', () => {
  let stripe: FakeStripe;
  let t: BillingTestApp;
  const signer = new Stripe('sk_test_unused');

  beforeAll(async () => {
    stripe = await FakeStripe.start();
    stripe.paymentIntentStatus = 'processing';
    t = await BillingTestApp.start('billing_webhook', {
      STRIPE_SECRET_KEY: 'sk_test_fake',
      STRIPE_API_URL: stripe.url,
    });
  });

  afterAll(async () => {
    await t.stop();
    await stripe.stop();
  });

  const deliver = (event: Record<string, unknown>, secret = STRIPE_WEBHOOK_SECRET) => {
    const payload = JSON.stringify(event, null, 2);
    return t
      .http()
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', signer.webhooks.generateTestHeaderString({ payload, secret }))
      .send(payload);
  };

  const intentEvent = (id: string, intent: Record<string, unknown>) => ({
    id,
    object: 'event',
    type: 'payment_intent.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: { object: { object: 'payment_intent', status: 'succeeded', last_payment_error: null, ...intent } },
  });

  it('refuses a bad signature, and pays the order of a processing charge once when Stripe reports it', async () => {
    const { cardId } = await t.stripeCustomer('acc-hook', stripe);
    const order = await t
      .http()
      .post('/accounts/acc-hook/orders')
      .set('Authorization', t.token('acc-hook'))
      .send({ amountMillicredits: 10_000_000, paymentKind: 'card', paymentMethodId: cardId })
      .expect(201);
    const charge = await waitFor(
      async () =>
        stripe.requests.find(
          (r) => r.path === '/v1/payment_intents' && r.form['metadata[orderId]'] === order.body.id,
        ),
      { what: 'PaymentIntent created' },
    );
    const intent = {
      id: 'pi_hook_1',
      amount: Number(charge.form.amount),
      currency: charge.form.currency,
      metadata: {
        paymentId: charge.form['metadata[paymentId]'],
        orderId: order.body.id,
        accountId: 'acc-hook',
      },
    };
    const forged = await deliver(intentEvent('evt_hook_0', intent), 'whsec_someone_else').expect(400);
    expect(forged.body.message).toContain('Invalid Stripe signature');
    await deliver(intentEvent('evt_hook_1', intent)).expect(200, { received: true, handled: true });
    await deliver(intentEvent('evt_hook_1', intent)).expect(200);
    await deliver(intentEvent('evt_hook_2', intent)).expect(200);
    await waitFor(async () => (await t.orderStatus('acc-hook', order.body.id)) === 'paid', { what: 'paid' });
    await t.produce('payment.succeeded', await t.outbox('payment.succeeded', 'acc-hook'));
    expect(await t.outbox('credits.granted', 'acc-hook')).toEqual([
      expect.objectContaining({ orderId: order.body.id, grantedMillicredits: 10_000_000 }),
    ]);
  });

  it('does not pay a bank-transfer order named in the metadata of a signed intent billing never created', async () => {
    await t.profile('acc-hook-bank');
    const order = await t
      .http()
      .post('/accounts/acc-hook-bank/orders')
      .set('Authorization', t.token('acc-hook-bank'))
      .send({ amountMillicredits: 10_000_000, paymentKind: 'bank_transfer' })
      .expect(201);
    await deliver(
      intentEvent('evt_hook_bank', {
        id: 'pi_elsewhere',
        amount: order.body.amountMinor,
        currency: 'eur',
        metadata: { paymentId: 'pay_made_up', orderId: order.body.id, accountId: 'acc-hook-bank' },
      }),
    ).expect(200);
    const dead = await waitFor(
      async () =>
        (await t.deadLetters('payment.succeeded', 1)).find((d) =>
          d.headers['dlq-reason']?.includes('pay_made_up'),
        ),
      { what: 'dead letter' },
    );
    expect(dead.headers['dlq-reason']).toBe('unknown payment pay_made_up: billing did not request it');
    expect(await t.orderStatus('acc-hook-bank', order.body.id)).toBe('awaiting_payment');
    expect(await t.outbox('credits.granted', 'acc-hook-bank')).toEqual([]);
  });
});
