import { waitFor } from '@sms/testing';
import { BillingTestApp } from '../../test/billing-test-app';

jest.setTimeout(90_000);

describe('payment simulator switched off', () => {
  let t: BillingTestApp;

  beforeAll(async () => {
    t = await BillingTestApp.start('billing_nosim', { PAYMENT_SIMULATOR_ENABLED: 'false' });
  });

  afterAll(async () => {
    await t.stop();
  });

  it('refuses to save a test card, so nobody can pay with 4242 4242 4242 4242', async () => {
    const owner = t.token('acc-nosim', 'billing');
    const refused = await t
      .http()
      .post('/accounts/acc-nosim/payment-methods')
      .set('Authorization', owner)
      .send({ provider: 'simulated', cardNumber: '4242424242424242', expMonth: 12, expYear: 2035 })
      .expect(422);
    expect(refused.body.message).toContain('PAYMENT_SIMULATOR_ENABLED');
    expect(await t.query('select id from billing.payment_method')).toEqual([]);
  });

  it('fails the charge of a test card saved while the simulator was on, granting nothing', async () => {
    await t
      .http()
      .put('/accounts/acc-oldsim/billing-profile')
      .set('Authorization', t.token('acc-oldsim'))
      .send({
        legalName: 'Old S.r.l.',
        email: 'billing@old.example',
        country: 'IT',
        currency: 'EUR',
        timeZone: 'Europe/Rome',
      })
      .expect(200);
    // A row as the simulator stored it in an earlier run with PAYMENT_SIMULATOR_ENABLED=true.
    await t.query(
      `insert into billing.payment_method (id, account_id, provider, brand, last4, exp_month, exp_year, token)
       values ('pm_oldsim', 'acc-oldsim', 'simulated', 'visa', '4242', 12, 2035, 'sim_succeeds_pm_oldsim')`,
    );
    const order = await t
      .http()
      .post('/accounts/acc-oldsim/orders')
      .set('Authorization', t.token('acc-oldsim'))
      .send({ amountMillicredits: 10_000_000, paymentKind: 'card', paymentMethodId: 'pm_oldsim' })
      .expect(201);
    await waitFor(async () => (await t.orderStatus('acc-oldsim', order.body.id)) === 'failed', {
      what: 'charge refused',
    });
    const shown = await t
      .http()
      .get(`/accounts/acc-oldsim/orders/${order.body.id}`)
      .set('Authorization', t.token('acc-oldsim'))
      .expect(200);
    expect(shown.body.failureReason).toContain('payments with simulated cards are not enabled');
    expect(await t.outbox('credits.granted', 'acc-oldsim')).toEqual([]);
  });
});
