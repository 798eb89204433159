import { waitFor } from '@sms/testing';
import { BillingTestApp } from '../../test/billing-test-app';
import { FakeStripe } from '../../test/fake-stripe';

jest.setTimeout(90_000);

const VISA = { brand: 'visa', last4: '4242', expMonth: 8, expYear: 2031 };

describe('saving Stripe cards', () => {
  let stripe: FakeStripe;
  let t: BillingTestApp;

  beforeAll(async () => {
    stripe = await FakeStripe.start();
    t = await BillingTestApp.start('billing_stripe_cards', {
      STRIPE_SECRET_KEY: 'sk_test_fake',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_fake',
      STRIPE_API_URL: stripe.url,
    });
  });

  afterAll(async () => {
    await t.stop();
    await stripe.stop();
  });

  const setupIntent = async (accountId: string) => {
    const response = await t
      .http()
      .post(`/accounts/${accountId}/payment-methods/stripe/setup-intents`)
      .set('Authorization', t.token(accountId, 'billing'))
      .expect(201);
    return response.body as { setupIntentId: string; clientSecret: string };
  };

  it('tells the console that Stripe card entry is on, with the publishable key, to those who may add cards', async () => {
    const providers = await t
      .http()
      .get('/accounts/acc-card-p/payment-methods/providers')
      .set('Authorization', t.token('acc-card-p', 'billing'))
      .expect(200);
    expect(providers.body).toEqual({
      simulated: expect.any(Boolean),
      stripe: { publishableKey: 'pk_test_fake' },
    });
    await t
      .http()
      .get('/accounts/acc-card-p/payment-methods/providers')
      .set('Authorization', t.token('acc-card-p', 'member'))
      .expect(403);
  });

  it("saves a card through a SetupIntent for the account's own customer, with Stripe's details", async () => {
    const first = await setupIntent('acc-card-a');
    const second = await setupIntent('acc-card-a');
    const customer = stripe.customerOf('acc-card-a');
    expect(customer).toMatch(/^cus_/);
    expect(stripe.requests.filter((r) => r.path === '/v1/customers')).toHaveLength(1);
    expect(stripe.requests.filter((r) => r.path === '/v1/setup_intents' && r.method === 'POST')).toEqual([
      expect.objectContaining({ form: expect.objectContaining({ customer, usage: 'off_session' }) }),
      expect.objectContaining({ form: expect.objectContaining({ customer }) }),
    ]);
    expect(first.clientSecret).toContain('_secret_');
    stripe.confirmSetupIntent(second.setupIntentId, VISA);
    const saved = await t
      .http()
      .post('/accounts/acc-card-a/payment-methods')
      .set('Authorization', t.token('acc-card-a', 'billing'))
      .send({ provider: 'stripe', setupIntentId: second.setupIntentId })
      .expect(201);
    expect(saved.body).toMatchObject({
      provider: 'stripe',
      brand: 'visa',
      last4: '4242',
      expMonth: 8,
      expYear: 2031,
    });
    const [row] = await t.query<{ stripe_customer_id: string; token: string }>(
      'select stripe_customer_id, token from billing.payment_method where id = $1',
      [saved.body.id],
    );
    expect(row.stripe_customer_id).toBe(customer);
    expect(row.token).toMatch(/^pm_/);
  });

  it("refuses another customer's card, by SetupIntent or by PaymentMethod id", async () => {
    const victim = await setupIntent('acc-victim');
    const victimCard = stripe.confirmSetupIntent(victim.setupIntentId, { ...VISA, last4: '1111' });
    await setupIntent('acc-thief');
    const bySetupIntent = await t
      .http()
      .post('/accounts/acc-thief/payment-methods')
      .set('Authorization', t.token('acc-thief', 'owner'))
      .send({ provider: 'stripe', setupIntentId: victim.setupIntentId })
      .expect(422);
    expect(bySetupIntent.body.message).toContain("does not belong to this account's Stripe customer");
    const byMethod = await t
      .http()
      .post('/accounts/acc-thief/payment-methods')
      .set('Authorization', t.token('acc-thief', 'owner'))
      .send({ provider: 'stripe', stripePaymentMethodId: victimCard })
      .expect(422);
    expect(byMethod.body.message).toContain("is not attached to this account's Stripe customer");
    const unattached = stripe.addPaymentMethod(null, VISA);
    await t
      .http()
      .post('/accounts/acc-thief/payment-methods')
      .set('Authorization', t.token('acc-thief', 'owner'))
      .send({ provider: 'stripe', stripePaymentMethodId: unattached })
      .expect(422);
    expect(await t.query("select id from billing.payment_method where account_id = 'acc-thief'")).toEqual([]);
  });

  it('no longer accepts a customer id, brand or last four digits from the client', async () => {
    const intent = await setupIntent('acc-card-b');
    stripe.confirmSetupIntent(intent.setupIntentId, VISA);
    const refused = await t
      .http()
      .post('/accounts/acc-card-b/payment-methods')
      .set('Authorization', t.token('acc-card-b', 'owner'))
      .send({
        provider: 'stripe',
        setupIntentId: intent.setupIntentId,
        stripeCustomerId: 'cus_someone_else',
        brand: 'amex',
        last4: '0005',
        expMonth: 1,
        expYear: 2040,
      })
      .expect(400);
    expect(JSON.stringify(refused.body.message)).toContain('property stripeCustomerId should not exist');
  });

  it('refuses a SetupIntent the customer has not confirmed', async () => {
    const intent = await setupIntent('acc-card-c');
    const refused = await t
      .http()
      .post('/accounts/acc-card-c/payment-methods')
      .set('Authorization', t.token('acc-card-c', 'owner'))
      .send({ provider: 'stripe', setupIntentId: intent.setupIntentId })
      .expect(422);
    expect(refused.body.message).toContain('requires_payment_method');
  });

  it("charges a saved card on the account's own Stripe customer", async () => {
    stripe.paymentIntentStatus = 'succeeded';
    const { cardId } = await t.stripeCustomer('acc-card-d', stripe);
    const [card] = await t.query<{ token: string }>(
      'select token from billing.payment_method where id = $1',
      [cardId],
    );
    const order = await t
      .http()
      .post('/accounts/acc-card-d/orders')
      .set('Authorization', t.token('acc-card-d'))
      .send({ amountMillicredits: 10_000_000, paymentKind: 'card', paymentMethodId: cardId })
      .expect(201);
    await waitFor(async () => (await t.orderStatus('acc-card-d', order.body.id)) === 'paid', {
      what: 'paid',
    });
    const charge = stripe.requests.find((r) => r.path === '/v1/payment_intents');
    expect(charge?.form).toMatchObject({
      amount: '4500',
      currency: 'eur',
      customer: stripe.customerOf('acc-card-d'),
      payment_method: card.token,
      off_session: 'true',
      confirm: 'true',
    });
  });
});
