import { BillingTestApp } from '../../test/billing-test-app';

jest.setTimeout(90_000);

interface BankOrder {
  id: string;
  amountMinor: number;
  bankTransfer: { reference: string };
}

describe('bank transfers reconciled by operators', () => {
  let t: BillingTestApp;

  beforeAll(async () => {
    t = await BillingTestApp.start('billing_bank');
  });

  afterAll(async () => {
    await t.stop();
  });

  const bankOrder = async (accountId: string, credits = 10_000): Promise<BankOrder> => {
    await t.profile(accountId);
    const response = await t
      .http()
      .post(`/accounts/${accountId}/orders`)
      .set('Authorization', t.token(accountId))
      .send({ amountMillicredits: credits * 1000, paymentKind: 'bank_transfer' })
      .expect(201);
    return response.body as BankOrder;
  };

  const transfer = (
    accountId: string,
    orderId: string,
    body: Record<string, unknown>,
    token = t.operator(),
  ) =>
    t
      .http()
      .post(`/accounts/${accountId}/orders/${orderId}/bank-transfers`)
      .set('Authorization', token)
      .send(body);

  const order = async (accountId: string, orderId: string) =>
    (
      await t
        .http()
        .get(`/accounts/${accountId}/orders/${orderId}`)
        .set('Authorization', t.token(accountId))
        .expect(200)
    ).body as {
      status: string;
      receivedMinor: number;
      timeline: { status: string; reason: string | null }[];
    };

  it('keeps a short transfer waiting as underpaid, and pays the order when a later one completes it', async () => {
    const placed = await bankOrder('acc-short');
    expect(placed.amountMinor).toBe(4500);
    for (const role of ['owner', 'admin', 'billing'] as const) {
      await transfer(
        'acc-short',
        placed.id,
        { transactionId: 'TX-S0', amountMinor: 4500, currency: 'EUR' },
        t.token('acc-short', role),
      ).expect(403);
    }
    const first = await transfer('acc-short', placed.id, {
      transactionId: 'TX-S1',
      amountMinor: 2000,
      currency: 'EUR',
    }).expect(200);
    expect(first.body).toMatchObject({
      outcome: 'underpaid',
      orderStatus: 'underpaid',
      receivedMinor: 2000,
      dueMinor: 4500,
      message: 'underpaid: received 20.00 EUR of 45.00 EUR, 25.00 EUR still due',
    });
    expect(await order('acc-short', placed.id)).toMatchObject({ status: 'underpaid', receivedMinor: 2000 });
    expect(await t.outbox('credits.granted', 'acc-short')).toEqual([]);

    const again = await transfer('acc-short', placed.id, {
      transactionId: 'TX-S1',
      amountMinor: 2000,
      currency: 'EUR',
    }).expect(200);
    expect(again.body).toMatchObject({ outcome: 'duplicate', receivedMinor: 2000 });
    const dollars = await transfer('acc-short', placed.id, {
      transactionId: 'TX-S2',
      amountMinor: 2500,
      currency: 'USD',
    }).expect(200);
    expect(dollars.body).toMatchObject({ outcome: 'wrong_currency', orderStatus: 'underpaid' });

    const rest = await transfer('acc-short', placed.id, {
      transactionId: 'TX-S3',
      amountMinor: 2500,
      currency: 'EUR',
      receivedAt: '2026-07-12',
    }).expect(200);
    expect(rest.body).toMatchObject({ outcome: 'paid', orderStatus: 'paid', receivedMinor: 4500 });
    const paid = await order('acc-short', placed.id);
    expect(paid.timeline.map((e) => e.status)).toEqual(['created', 'awaiting_payment', 'underpaid', 'paid']);
    expect(await t.outbox('credits.granted', 'acc-short')).toEqual([
      expect.objectContaining({ orderId: placed.id, grantedMillicredits: 10_000_000 }),
    ]);
    const late = await transfer('acc-short', placed.id, {
      transactionId: 'TX-S4',
      amountMinor: 100,
      currency: 'EUR',
    }).expect(200);
    expect(late.body.outcome).toBe('not_awaiting_payment');
    expect(await t.outbox('credits.granted', 'acc-short')).toHaveLength(1);
  });

  it('imports a bank statement, matching each transfer on the order reference and reporting every line', async () => {
    const exact = await bankOrder('acc-stmt-a');
    const partial = await bankOrder('acc-stmt-b');
    const over = await bankOrder('acc-stmt-c');
    const cancelled = await bankOrder('acc-stmt-d');
    await t
      .http()
      .post(`/accounts/acc-stmt-d/orders/${cancelled.id}/cancel`)
      .set('Authorization', t.token('acc-stmt-d'))
      .expect(201);
    const csv = [
      'booking_date,amount,currency,reference,transaction_id',
      `2026-07-10,45.00,EUR,"Acme ${exact.bankTransfer.reference.toLowerCase()}",TX-A`,
      `2026-07-10,10.00,EUR,${partial.bankTransfer.reference},TX-B`,
      `2026-07-11,50.00,EUR,${over.bankTransfer.reference},TX-C`,
      `2026-07-11,45.00,EUR,${cancelled.bankTransfer.reference},TX-D`,
      '2026-07-11,99.00,EUR,rent for july,TX-E',
      `2026-07-11,oops,EUR,${partial.bankTransfer.reference},TX-F`,
      `2026-07-10,45.00,EUR,"Acme ${exact.bankTransfer.reference}",TX-A`,
    ].join('\n');
    const forbidden = await t
      .http()
      .post('/bank-statements')
      .set('Authorization', t.token('acc-stmt-a'))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(forbidden.status).toBe(403);
    const imported = await t
      .http()
      .post('/bank-statements')
      .set('Authorization', t.operator())
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(imported.body.rows.map((r: { line: number; outcome: string }) => [r.line, r.outcome])).toEqual([
      [2, 'paid'],
      [3, 'underpaid'],
      [4, 'overpaid'],
      [5, 'not_awaiting_payment'],
      [6, 'unmatched'],
      [7, 'invalid'],
      [8, 'duplicate'],
    ]);
    expect(imported.body.summary).toEqual({
      paid: 1,
      underpaid: 1,
      overpaid: 1,
      not_awaiting_payment: 1,
      unmatched: 1,
      invalid: 1,
      duplicate: 1,
    });
    expect(imported.body.rows[2].message).toBe(
      'paid: received 50.00 EUR for 45.00 EUR; 5.00 EUR overpaid, to return to the customer',
    );
    expect(await order('acc-stmt-a', exact.id)).toMatchObject({ status: 'paid', receivedMinor: 4500 });
    expect(await order('acc-stmt-b', partial.id)).toMatchObject({ status: 'underpaid', receivedMinor: 1000 });
    expect(await order('acc-stmt-c', over.id)).toMatchObject({ status: 'paid', receivedMinor: 5000 });
    expect(await order('acc-stmt-d', cancelled.id)).toMatchObject({ status: 'cancelled', receivedMinor: 0 });
    const [paidAt] = await t.query<{ paid_at: Date }>(
      'select paid_at from billing.purchase_order where id = $1',
      [exact.id],
    );
    expect(new Date(paidAt.paid_at).toISOString()).toBe('2026-07-10T12:00:00.000Z');
    const grants = await t.query<{ key: string }>(
      "select key from billing.outbox where topic like '%credits.granted' and key like 'acc-stmt-%' order by key",
    );
    expect(grants.map((g) => g.key)).toEqual(['acc-stmt-a', 'acc-stmt-c']);
  });

  it('refuses a statement that is not CSV with the expected columns', async () => {
    const refused = await t
      .http()
      .post('/bank-statements')
      .set('Authorization', t.operator())
      .set('Content-Type', 'text/csv')
      .send('date;amount\n2026-07-10;45,00\n')
      .expect(400);
    expect(refused.body.message).toContain(
      'the header lacks booking_date, amount, currency, reference, transaction_id',
    );
  });
});
