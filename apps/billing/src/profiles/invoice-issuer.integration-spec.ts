import { waitFor } from '@sms/testing';
import { BillingTestApp } from '../../test/billing-test-app';

jest.setTimeout(90_000);

describe('invoice issuer', () => {
  let t: BillingTestApp;

  beforeAll(async () => {
    t = await BillingTestApp.start('billing_issuer');
  });

  afterAll(async () => {
    await t.stop();
  });

  it('cannot be changed by the customer, only by an operator, and numbers the invoices', async () => {
    const { cardId } = await t.customer('acc-issuer');
    const billingUser = t.token('acc-issuer', 'billing');
    const refused = await t
      .http()
      .put('/accounts/acc-issuer/billing-profile')
      .set('Authorization', billingUser)
      .send({
        legalName: 'Acme S.r.l.',
        email: 'billing@acme.example',
        country: 'IT',
        currency: 'EUR',
        timeZone: 'Europe/Rome',
        issuer: 'MYOWN',
      })
      .expect(400);
    expect(JSON.stringify(refused.body.message)).toContain('property issuer should not exist');
    for (const role of ['billing', 'owner', 'admin'] as const) {
      await t
        .http()
        .put('/accounts/acc-issuer/invoice-issuer')
        .set('Authorization', t.token('acc-issuer', role))
        .send({ issuer: 'MYOWN' })
        .expect(403);
    }
    const set = await t
      .http()
      .put('/accounts/acc-issuer/invoice-issuer')
      .set('Authorization', t.operator())
      .send({ issuer: 'SMSC-IT' })
      .expect(200);
    expect(set.body).toMatchObject({ accountId: 'acc-issuer', issuer: 'SMSC-IT' });
    await t
      .http()
      .put('/accounts/acc-issuer/invoice-issuer')
      .set('Authorization', t.operator())
      .send({ issuer: 'lower case' })
      .expect(400);

    // The customer updating the profile keeps the operator's choice.
    await t.profile('acc-issuer');
    const profile = await t
      .http()
      .get('/accounts/acc-issuer/billing-profile')
      .set('Authorization', billingUser)
      .expect(200);
    expect(profile.body.issuer).toBe('SMSC-IT');

    const order = await t
      .http()
      .post('/accounts/acc-issuer/orders')
      .set('Authorization', billingUser)
      .send({ amountMillicredits: 10_000_000, paymentKind: 'card', paymentMethodId: cardId })
      .expect(201);
    await waitFor(async () => (await t.orderStatus('acc-issuer', order.body.id)) === 'paid', {
      what: 'paid',
    });
    const paidAt = new Date(
      (
        await t.query<{ paid_at: Date }>('select paid_at from billing.purchase_order where id = $1', [
          order.body.id,
        ])
      )[0].paid_at,
    );
    const firstOfNextMonth = new Date(Date.UTC(paidAt.getUTCFullYear(), paidAt.getUTCMonth() + 1, 1, 12));
    // The first business day of the next month, whatever today is.
    for (let day = 0; day < 4; day += 1) {
      await t
        .http()
        .post('/jobs/invoices/run')
        .set('Authorization', t.operator())
        .send({ asOf: new Date(firstOfNextMonth.getTime() + day * 86_400_000).toISOString() })
        .expect(200);
    }
    const invoices = await t
      .http()
      .get('/accounts/acc-issuer/invoices')
      .set('Authorization', billingUser)
      .expect(200);
    expect(invoices.body.items).toEqual([
      expect.objectContaining({
        issuer: 'SMSC-IT',
        number: `SMSC-IT-${firstOfNextMonth.getUTCFullYear()}-000001`,
      }),
    ]);
  });
});
