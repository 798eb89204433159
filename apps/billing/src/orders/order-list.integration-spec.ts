import { BillingTestApp } from '../../test/billing-test-app';

jest.setTimeout(60_000);

describe('billing lists', () => {
  let t: BillingTestApp;

  beforeAll(async () => {
    t = await BillingTestApp.start('billing_lists');
  });

  afterAll(async () => {
    await t.stop();
  });

  async function pageThrough(
    path: string,
    accountId: string,
    limit: number,
  ): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await t
        .http()
        .get(path)
        .query({ limit, ...(cursor === null ? {} : { cursor }) })
        .set('Authorization', t.token(accountId))
        .expect(200);
      ids.push(...(response.body.items as { id: string }[]).map((item) => item.id));
      cursor = response.body.nextCursor as string | null;
      pages += 1;
    } while (cursor !== null);
    return { ids, pages };
  }

  it('pages through orders newest first, each once, even when several share a creation instant', async () => {
    await t.query(
      `insert into billing.purchase_order (id, account_id, kind, status, credits, amount_minor, currency, payment_kind,
         requester_subject, requester_name, created_at)
       select 'ord_list_' || lpad(i::text, 2, '0'), 'acc-list', 'one_time', 'failed', 1000, 100, 'EUR', 'card', 'owner',
         'Owner', timestamptz '2026-05-01T10:00:00.123456Z' + (i / 3) * interval '1 minute'
       from generate_series(1, 7) as i`,
    );
    const { ids, pages } = await pageThrough('/accounts/acc-list/orders', 'acc-list', 2);
    expect(pages).toBe(4);
    // Newest minute first; within a minute (same instant, to the microsecond) by id, descending.
    expect(ids).toEqual([
      'ord_list_07',
      'ord_list_06',
      'ord_list_05',
      'ord_list_04',
      'ord_list_03',
      'ord_list_02',
      'ord_list_01',
    ]);
    expect(new Set(ids).size).toBe(7);
  });

  it('pages through invoices newest period first', async () => {
    await t.query(
      `insert into billing.invoice (id, account_id, issuer, number, period_start, period_end, currency, total_minor,
         lines, billed_to, issued_at)
       select 'inv_list_' || i, 'acc-inv-list', 'LIST', 'LIST-2026-' || i, date '2026-01-01' + (i - 1) * interval '1 month',
         date '2026-01-31', 'EUR', 100, '[]', '{}', now()
       from generate_series(1, 5) as i`,
    );
    const { ids, pages } = await pageThrough('/accounts/acc-inv-list/invoices', 'acc-inv-list', 2);
    expect(pages).toBe(3);
    expect(ids).toEqual(['inv_list_5', 'inv_list_4', 'inv_list_3', 'inv_list_2', 'inv_list_1']);
  });

  it.each(['orders', 'invoices'])(
    'refuses a page of %s above the maximum size, and an offset',
    async (list) => {
      const tooBig = await t
        .http()
        .get(`/accounts/acc-list/${list}?limit=201`)
        .set('Authorization', t.token('acc-list'));
      expect(tooBig.status).toBe(400);
      expect(JSON.stringify(tooBig.body.message)).toContain('limit must not be greater than 200');
      const offset = await t
        .http()
        .get(`/accounts/acc-list/${list}?offset=10`)
        .set('Authorization', t.token('acc-list'));
      expect(offset.status).toBe(400);
    },
  );
});
