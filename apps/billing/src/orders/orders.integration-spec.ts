import { randomUUID } from 'node:crypto';
import { waitFor } from '@sms/testing';
import { BillingTestApp } from '../../test/billing-test-app';

jest.setTimeout(90_000);

describe('billing orders and payments', () => {
  let t: BillingTestApp;

  beforeAll(async () => {
    t = await BillingTestApp.start('billing_orders');
  });

  afterAll(async () => {
    await t.stop();
  });

  const bankOrder = async (accountId: string, credits = 10_000) => {
    const response = await t
      .http()
      .post(`/accounts/${accountId}/orders`)
      .set('Authorization', t.token(accountId))
      .send({ amountMillicredits: credits * 1000, paymentKind: 'bank_transfer' })
      .expect(201);
    return response.body as {
      id: string;
      amountMinor: number;
      status: string;
      bankTransfer: { reference: string };
    };
  };

  describe('pricing', () => {
    it('quotes each side of a tier edge at its own tier, with SMS per country', async () => {
      await t.customer('acc-quote');
      const below = await t
        .http()
        .get('/accounts/acc-quote/quote?amountMillicredits=90000000')
        .set('Authorization', t.token('acc-quote', 'member'))
        .expect(200);
      expect(below.body).toMatchObject({
        currency: 'EUR',
        amountMinor: 40_500,
        tier: { minMillicredits: 10_000_000, maxMillicredits: 99_999_000, pricePer1000Minor: 450 },
        homeCountry: 'IT',
        rateCardSource: 'default',
      });
      expect(below.body.smsPerCountry).toEqual([
        { country: 'IT', millicreditsPerSegment: 1000, sms: 90_000 },
      ]);
      const atEdge = await t
        .http()
        .get('/accounts/acc-quote/quote?amountMillicredits=100000000')
        .set('Authorization', t.token('acc-quote'))
        .expect(200);
      expect(atEdge.body).toMatchObject({ amountMinor: 40_000, tier: { minMillicredits: 100_000_000 } });
      await t
        .http()
        .get('/accounts/acc-quote/quote?amountMillicredits=15000000')
        .set('Authorization', t.token('acc-quote'))
        .expect(400);
    });

    it('estimates SMS with the rate card the ledger published', async () => {
      await t.produce('rate-card.updated', [
        {
          schemaVersion: 1,
          eventId: randomUUID(),
          occurredAt: new Date().toISOString(),
          defaultMillicreditsPerSegment: 1000,
          rates: { IT: 1250, US: 500 },
        },
      ]);
      const quote = await waitFor(
        async () => {
          const response = await t
            .http()
            .get('/accounts/acc-quote/quote?amountMillicredits=10000000')
            .set('Authorization', t.token('acc-quote'));
          return response.body.rateCardSource === 'ledger' ? response.body : false;
        },
        { what: 'rate card copy' },
      );
      expect(quote.smsPerCountry).toEqual([
        { country: 'IT', millicreditsPerSegment: 1250, sms: 8000 },
        { country: 'US', millicreditsPerSegment: 500, sms: 20_000 },
      ]);
    });
  });

  describe('one-time top-up', () => {
    it('charges a saved card and grants the credits, credited once the ledger applies them', async () => {
      const { cardId } = await t.customer('acc-card');
      const created = await t
        .http()
        .post('/accounts/acc-card/orders')
        .set('Authorization', t.token('acc-card', 'billing'))
        .send({ amountMillicredits: 20_000_000, paymentKind: 'card', paymentMethodId: cardId })
        .expect(201);
      expect(created.body.status).toBe('awaiting_payment');
      await waitFor(async () => (await t.orderStatus('acc-card', created.body.id)) === 'paid', {
        what: 'order paid',
      });
      const grants = await t.outbox('credits.granted', 'acc-card');
      expect(grants).toEqual([
        expect.objectContaining({
          orderId: created.body.id,
          grantedMillicredits: 20_000_000,
          source: 'purchase',
          expiry: { kind: 'account_default' },
        }),
      ]);
      await t.ledgerApplies({
        accountId: 'acc-card',
        orderId: created.body.id,
        grantedMillicredits: 20_000_000,
      });
      await waitFor(async () => (await t.orderStatus('acc-card', created.body.id)) === 'credited', {
        what: 'order credited',
      });
      const shown = await t
        .http()
        .get(`/accounts/acc-card/orders/${created.body.id}`)
        .set('Authorization', t.token('acc-card'))
        .expect(200);
      expect(shown.body.timeline.map((e: { status: string }) => e.status)).toEqual([
        'created',
        'awaiting_payment',
        'paid',
        'credited',
      ]);
    });

    it('creates one order when the same request is sent twice with one idempotency key', async () => {
      await t.customer('acc-idem');
      const send = () =>
        t
          .http()
          .post('/accounts/acc-idem/orders')
          .set('Authorization', t.token('acc-idem'))
          .set('Idempotency-Key', 'order-2027-01-key')
          .send({ amountMillicredits: 10_000_000, paymentKind: 'bank_transfer' });
      const first = await send().expect(201);
      const second = await send().expect(200);
      expect(second.body.id).toBe(first.body.id);
      expect(first.body.bankTransfer).toMatchObject({ iban: expect.any(String), amountMinor: 4500 });
      const orders = await t.query('select id from billing.purchase_order where account_id = $1', [
        'acc-idem',
      ]);
      expect(orders).toHaveLength(1);
    });

    it('refuses a purchase by a member', async () => {
      await t.customer('acc-member');
      await t
        .http()
        .post('/accounts/acc-member/orders')
        .set('Authorization', t.token('acc-member', 'member'))
        .send({ amountMillicredits: 10_000_000, paymentKind: 'bank_transfer' })
        .expect(403);
    });

    it('places a scheduled top-up on its date and not before', async () => {
      const { cardId } = await t.customer('acc-sched');
      const created = await t
        .http()
        .post('/accounts/acc-sched/orders')
        .set('Authorization', t.token('acc-sched'))
        .send({
          amountMillicredits: 10_000_000,
          paymentKind: 'card',
          paymentMethodId: cardId,
          scheduledFor: '2030-01-15',
        })
        .expect(201);
      expect(created.body).toMatchObject({ status: 'scheduled', scheduledFor: '2030-01-14T23:00:00.000Z' });
      const early = await t
        .http()
        .post('/jobs/scheduled-orders/run')
        .set('Authorization', t.operator())
        .send({ asOf: '2030-01-14T22:59:59Z' })
        .expect(200);
      expect(early.body.processed).toBe(0);
      expect(await t.orderStatus('acc-sched', created.body.id)).toBe('scheduled');
      const due = await t
        .http()
        .post('/jobs/scheduled-orders/run')
        .set('Authorization', t.operator())
        .send({ asOf: '2030-01-15T08:00:00+01:00' })
        .expect(200);
      expect(due.body.processed).toBe(1);
      await waitFor(async () => (await t.orderStatus('acc-sched', created.body.id)) === 'paid', {
        what: 'scheduled order paid',
      });
    });
  });

  describe('approval', () => {
    it('waits for the approver, who alone may approve, then places the order', async () => {
      const { cardId } = await t.customer('acc-appr');
      const requester = t.token('acc-appr', 'billing', 'anna@acc-appr.example');
      const approver = t.token('acc-appr', 'owner', 'boss@acc-appr.example');
      const created = await t
        .http()
        .post('/accounts/acc-appr/orders')
        .set('Authorization', requester)
        .send({
          amountMillicredits: 100_000_000,
          paymentKind: 'card',
          paymentMethodId: cardId,
          requester: { name: 'Anna', email: 'anna@acc-appr.example' },
          approver: { name: 'The Boss', email: 'boss@acc-appr.example' },
        })
        .expect(201);
      expect(created.body.status).toBe('awaiting_approval');
      expect(await t.outbox('order.approval-requested', 'acc-appr')).toEqual([
        expect.objectContaining({
          orderId: created.body.id,
          amountMinor: 40_000,
          requester: { name: 'Anna', email: 'anna@acc-appr.example' },
          approver: { name: 'The Boss', email: 'boss@acc-appr.example' },
        }),
      ]);
      await t
        .http()
        .post(`/accounts/acc-appr/orders/${created.body.id}/approve`)
        .set('Authorization', requester)
        .expect(403);
      const approved = await t
        .http()
        .post(`/accounts/acc-appr/orders/${created.body.id}/approve`)
        .set('Authorization', approver)
        .expect(201);
      expect(approved.body.status).toBe('awaiting_payment');
      await waitFor(async () => (await t.orderStatus('acc-appr', created.body.id)) === 'paid', {
        what: 'approved order paid',
      });
    });

    it('lets an operator approve one order and decline another for their approver', async () => {
      await t.customer('acc-ops-appr');
      const awaiting = async () => {
        const created = await t
          .http()
          .post('/accounts/acc-ops-appr/orders')
          .set('Authorization', t.token('acc-ops-appr', 'billing', 'anna@acc-ops-appr.example'))
          .send({
            amountMillicredits: 10_000_000,
            paymentKind: 'bank_transfer',
            approver: { name: 'Boss', email: 'boss@acc-ops-appr.example' },
          })
          .expect(201);
        expect(created.body.status).toBe('awaiting_approval');
        return created.body.id as string;
      };
      const [first, second] = [await awaiting(), await awaiting()];
      const approved = await t
        .http()
        .post(`/accounts/acc-ops-appr/orders/${first}/approve`)
        .set('Authorization', t.operator())
        .expect(201);
      expect(approved.body.status).toBe('awaiting_payment');
      const declined = await t
        .http()
        .post(`/accounts/acc-ops-appr/orders/${second}/decline`)
        .set('Authorization', t.operator())
        .send({ reason: 'Suspicious' })
        .expect(201);
      expect(declined.body.timeline.at(-1)).toMatchObject({
        status: 'declined',
        actor: 'ops@platform.example',
      });
    });

    it('records a decline with its reason', async () => {
      await t.customer('acc-decl');
      const created = await t
        .http()
        .post('/accounts/acc-decl/orders')
        .set('Authorization', t.token('acc-decl', 'billing', 'anna@acc-decl.example'))
        .send({
          amountMillicredits: 10_000_000,
          paymentKind: 'bank_transfer',
          approver: { name: 'Boss', email: 'boss@acc-decl.example' },
        })
        .expect(201);
      const declined = await t
        .http()
        .post(`/accounts/acc-decl/orders/${created.body.id}/decline`)
        .set('Authorization', t.token('acc-decl', 'owner', 'boss@acc-decl.example'))
        .send({ reason: 'Not this month' })
        .expect(201);
      expect(declined.body.status).toBe('declined');
      expect(declined.body.timeline.at(-1)).toMatchObject({ status: 'declined', reason: 'Not this month' });
    });
  });

  describe('units', () => {
    it('lists prices, packs and the purchase step in millicredits', async () => {
      const list = await t
        .http()
        .get('/price-lists/EUR')
        .set('Authorization', t.token('acc-units'))
        .expect(200);
      expect(list.body).toMatchObject({
        currency: 'EUR',
        purchaseStepMillicredits: 10_000_000,
        minMillicredits: 10_000_000,
        packs: expect.arrayContaining([
          { code: 'starter', amountMillicredits: 10_000_000, priceMinor: 4000 },
        ]),
      });
      expect(list.body.tiers[0]).toEqual({ minMillicredits: 10_000_000, pricePer1000Minor: 450 });
    });

    it('refuses an order, a quote and a subscription in the old credit fields with a 400 naming the field', async () => {
      const { cardId } = await t.customer('acc-units-old');
      const owner = t.token('acc-units-old');
      const order = await t
        .http()
        .post('/accounts/acc-units-old/orders')
        .set('Authorization', owner)
        .send({ credits: 10_000, paymentKind: 'bank_transfer' })
        .expect(400);
      expect(JSON.stringify(order.body.message)).toContain('property credits should not exist');
      const quote = await t
        .http()
        .get('/accounts/acc-units-old/quote?credits=10000')
        .set('Authorization', owner)
        .expect(400);
      expect(JSON.stringify(quote.body.message)).toContain('property credits should not exist');
      const subscription = await t
        .http()
        .post('/accounts/acc-units-old/subscriptions')
        .set('Authorization', owner)
        .send({ creditsPerPeriod: 10_000, paymentMethodId: cardId })
        .expect(400);
      expect(JSON.stringify(subscription.body.message)).toContain(
        'property creditsPerPeriod should not exist',
      );
    });

    it('refuses a purchase that is not whole credits, with the reason', async () => {
      await t.customer('acc-units-whole');
      const refused = await t
        .http()
        .post('/accounts/acc-units-whole/orders')
        .set('Authorization', t.token('acc-units-whole'))
        .send({ amountMillicredits: 10_000_500, paymentKind: 'bank_transfer' })
        .expect(400);
      expect(JSON.stringify(refused.body.message)).toContain(
        'amountMillicredits must be whole credits: a multiple of 1000 millicredits',
      );
      const offStep = await t
        .http()
        .get('/accounts/acc-units-whole/quote?amountMillicredits=15000000')
        .set('Authorization', t.token('acc-units-whole'))
        .expect(400);
      expect(offStep.body.message).toBe(
        'amountMillicredits must be a multiple of 10000 credits (10000000 millicredits)',
      );
    });

    it('answers an order and a subscription with the millicredits they were given, and grants exactly that', async () => {
      const { cardId } = await t.customer('acc-units-trip');
      const owner = t.token('acc-units-trip');
      const created = await t
        .http()
        .post('/accounts/acc-units-trip/orders')
        .set('Authorization', owner)
        .send({ amountMillicredits: 120_000_000, paymentKind: 'card', paymentMethodId: cardId })
        .expect(201);
      expect(created.body).toMatchObject({
        amountMillicredits: 120_000_000,
        tierMinMillicredits: 100_000_000,
      });
      expect(created.body).not.toHaveProperty('credits');
      const listed = await t
        .http()
        .get('/accounts/acc-units-trip/orders')
        .set('Authorization', owner)
        .expect(200);
      expect(listed.body.items[0]).toMatchObject({ id: created.body.id, amountMillicredits: 120_000_000 });
      await waitFor(async () => (await t.orderStatus('acc-units-trip', created.body.id)) === 'paid', {
        what: 'order paid',
      });
      expect(await t.outbox('credits.granted', 'acc-units-trip')).toEqual([
        expect.objectContaining({
          schemaVersion: 2,
          orderId: created.body.id,
          grantedMillicredits: 120_000_000,
        }),
      ]);
      const subscription = await t
        .http()
        .post('/accounts/acc-units-trip/subscriptions')
        .set('Authorization', owner)
        .send({ periodMillicredits: 50_000_000, paymentMethodId: cardId })
        .expect(201);
      expect(subscription.body).toMatchObject({
        periodMillicredits: 50_000_000,
        nextPeriodMillicredits: null,
      });
      const changed = await t
        .http()
        .patch(`/accounts/acc-units-trip/subscriptions/${subscription.body.id}`)
        .set('Authorization', owner)
        .send({ periodMillicredits: 20_000_000, effective: 'next_renewal' })
        .expect(200);
      expect(changed.body).toMatchObject({
        periodMillicredits: 50_000_000,
        nextPeriodMillicredits: 20_000_000,
      });
    });
  });

  describe('invoices', () => {
    it('issues the July invoice on Monday 3 August 2026, after the weekend month-start, with a PDF', async () => {
      await t.customer('acc-inv');
      const first = await bankOrder('acc-inv', 10_000);
      const second = await bankOrder('acc-inv', 100_000);
      // An operator reconciles both transfers as the bank booked them.
      for (const [order, transactionId, receivedAt] of [
        [first, 'TX-INV-1', '2026-07-10T10:00:00Z'],
        [second, 'TX-INV-2', '2026-07-31T21:30:00Z'],
      ] as const) {
        await t
          .http()
          .post(`/accounts/acc-inv/orders/${order.id}/bank-transfers`)
          .set('Authorization', t.operator())
          .send({ transactionId, amountMinor: order.amountMinor, currency: 'EUR', receivedAt })
          .expect(200);
      }
      await waitFor(async () => (await t.orderStatus('acc-inv', second.id)) === 'paid', {
        what: 'july orders paid',
      });
      const run = (asOf: string) =>
        t.http().post('/jobs/invoices/run').set('Authorization', t.operator()).send({ asOf }).expect(200);
      expect((await run('2026-08-01T09:00:00Z')).body.processed).toBe(0);
      expect((await run('2026-08-02T12:00:00Z')).body.processed).toBe(0);
      expect((await run('2026-08-03T07:00:00Z')).body.processed).toBe(1);
      expect((await run('2026-08-03T09:00:00Z')).body.processed).toBe(0);
      const invoices = await t
        .http()
        .get('/accounts/acc-inv/invoices')
        .set('Authorization', t.token('acc-inv'))
        .expect(200);
      expect(invoices.body.nextCursor).toBeNull();
      expect(invoices.body.items).toEqual([
        expect.objectContaining({
          number: 'SMSC-2026-000001',
          periodStart: '2026-07-01',
          periodEnd: '2026-07-31',
          totalMinor: 4500 + 40_000,
          currency: 'EUR',
        }),
      ]);
      expect(await t.outbox('invoice.issued', 'acc-inv')).toEqual([
        expect.objectContaining({ number: 'SMSC-2026-000001', totalMinor: 44_500 }),
      ]);
      const pdf = await t
        .http()
        .get(`/accounts/acc-inv/invoices/${invoices.body.items[0].id}/pdf`)
        .set('Authorization', t.token('acc-inv', 'member'))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    });
  });
});
