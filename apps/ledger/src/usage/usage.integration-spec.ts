import { randomUUID } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import request from 'supertest';
import { createTestDatabase, serviceTestEnv, TestIssuer, createTestTopicPrefix, waitFor } from '@sms/testing';
import { readLedgerConfig } from '../config/ledger.config';
import { startLedger } from '../start-ledger';

jest.setTimeout(120_000);

const HEADER = ['messageId', 'sentAt', 'to', 'country', 'segments', 'credits', 'listId', 'campaignId'];

// What an export must contain, computed independently of the export code from the seeded columns.
type ExpectedRow = string[];

describe('usage lists and exports', () => {
  let app: INestApplication;
  let db: Client;
  let issuer: TestIssuer;
  let operator = '';
  const http = () => request(app.getHttpServer());

  // Charges inserted directly: the export reads ledger.charge, however the rows got there.
  async function seed(accountId: string, count: number, start = '2026-03-01T00:00:00Z'): Promise<void> {
    await db.query(`insert into ledger.account (id, home_country) values ($1, 'IT') on conflict do nothing`, [
      accountId,
    ]);
    await db.query(
      `insert into ledger.charge (message_id, account_id, list_id, campaign_id, to_number, country, segments,
         rate_millicredits, millicredits, sent_at)
       select $1 || ':' || i, $1, case when i % 3 = 0 then 'list_' || (i % 5) end,
         case when i % 7 = 0 then 'camp,"' || i || '"' else 'camp' || (i % 2) end,
         '+39347' || lpad(i::text, 7, '0'), case when i % 11 = 0 then null else 'IT' end, 1 + i % 3,
         1250, (1 + i % 3) * 1250 + (i % 4), $3::timestamptz + (i / 3) * interval '1 second'
       from generate_series(1, $2) as i`,
      [accountId, count, start],
    );
  }

  async function expected(accountId: string, where = 'true'): Promise<ExpectedRow[]> {
    const { rows } = await db.query<{ r: string[] }>(
      `select array[message_id, to_char(sent_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_number,
         coalesce(country, ''), segments::text,
         rtrim(rtrim(to_char(millicredits / 1000.0, 'FM999999999990.000'), '0'), '.'),
         coalesce(list_id, ''), coalesce(campaign_id, '')] as r
       from ledger.charge where account_id = $1 and ${where} order by sent_at, message_id`,
      [accountId],
    );
    return rows.map((row) => row.r);
  }

  function download(path: string): Promise<Buffer> {
    return http()
      .get(path)
      .set('Authorization', operator)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .then((response) => {
        expect(response.status).toBe(200);
        return response.body as Buffer;
      });
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    operator = issuer.bearer('ops', 'operator', 'ops');
    const databaseUrl = await createTestDatabase('ledger_usage');
    const env = serviceTestEnv({
      issuer,
      databaseUrl,
      topicPrefix: await createTestTopicPrefix('ledger_usage'),
      service: 'ledger',
      extra: {
        LEDGER_SCHEDULER_ENABLED: 'false',
        LEDGER_EXPORTS_MAX_CONCURRENT: '1',
        // The test polls exports; the per-subject limit on expensive routes is not what it is about.
        RATE_LIMIT_EXPENSIVE_PER_SUBJECT: '1000',
      },
    });
    app = await startLedger(readLedgerConfig(env), '127.0.0.1');
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await app.close();
    await issuer.stop();
  });

  describe('exports', () => {
    const account = `acc_${randomUUID().slice(0, 8)}`;

    beforeAll(async () => {
      await seed(account, 2_345);
      await seed(`${account}_other`, 50);
    });

    it('exports exactly the account’s charges as CSV, oldest first, quoted where needed', async () => {
      const csv = (await download(`/accounts/${account}/usage/export.csv`)).toString('utf8');
      const rows = parseCsv(csv);
      expect(rows[0]).toEqual(HEADER);
      expect(rows.slice(1)).toEqual(await expected(account));
      expect(rows).toHaveLength(2_346);
      expect(csv).toContain(`,"camp,""7"""\n`);
    });

    it('exports exactly the charges of a period as xlsx', async () => {
      const from = '2026-03-01T00:05:00Z';
      const to = '2026-03-01T00:10:00Z';
      const xlsx = await download(`/accounts/${account}/usage/export.xlsx?from=${from}&to=${to}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('usage');
      const rows: string[][] = [];
      sheet?.eachRow((row) =>
        rows.push(HEADER.map((_, i) => String((row.getCell(i + 1).value as string | number | null) ?? ''))),
      );
      expect(rows[0]).toEqual(HEADER);
      const want = await expected(account, `sent_at >= '${from}' and sent_at < '${to}'`);
      expect(want.length).toBeGreaterThan(800);
      expect(rows.slice(1)).toEqual(want);
    });

    it('runs at most the configured number of exports at once, then 429 with Retry-After', async () => {
      const big = `acc_${randomUUID().slice(0, 8)}`;
      // Far more than socket buffers hold, so the first export stays running while its client does not read.
      await seed(big, 200_000);
      const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
      const first = await new Promise<IncomingMessage>((resolve, reject) => {
        get(
          {
            host: '127.0.0.1',
            port,
            path: `/accounts/${big}/usage/export.csv`,
            headers: { Authorization: operator },
          },
          resolve,
        ).on('error', reject);
      });
      expect(first.statusCode).toBe(200);
      first.pause();

      const refused = await http()
        .get(`/accounts/${account}/usage/export.xlsx`)
        .set('Authorization', operator);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body.message).toMatch(/exports are already running/);

      // The export reads through a connection of its own, from a worker thread, not through the pool of
      // the thread that consumes sms.sent; the client going away ends it and frees the slot.
      const exportConnections = async (): Promise<number> =>
        (
          await db.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity
             where application_name = 'ledger-usage-export' and datname = current_database()`,
          )
        ).rows[0].n;
      expect(await exportConnections()).toBe(1);
      first.destroy();
      await waitFor(async () => (await exportConnections()) === 0, {
        what: 'the export worker to close its connection',
      });
      await waitFor(
        async () =>
          (await http().get(`/accounts/${account}/usage/export.csv`).set('Authorization', operator))
            .status === 200,
        { what: 'the export slot to be freed' },
      );
    });
  });

  describe('paging', () => {
    it('pages through the usage newest first with an opaque cursor, every row once', async () => {
      const account = `acc_${randomUUID().slice(0, 8)}`;
      await seed(account, 450);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: request.Response = await http()
          .get(`/accounts/${account}/usage`)
          .query({ limit: 200, ...(cursor === null ? {} : { cursor }) })
          .set('Authorization', operator);
        expect(response.status).toBe(200);
        expect(response.body.total).toBeUndefined();
        seen.push(...(response.body.items as { messageId: string }[]).map((item) => item.messageId));
        cursor = response.body.nextCursor as string | null;
        pages += 1;
      } while (cursor !== null);
      expect(pages).toBe(3);
      expect(seen).toEqual((await expected(account)).map((row) => row[0]).reverse());
    });

    it('pages through the journal newest first with an opaque cursor', async () => {
      const account = `acc_${randomUUID().slice(0, 8)}`;
      await db.query(`insert into ledger.account (id, home_country) values ($1, 'IT')`, [account]);
      await db.query(
        `insert into ledger.journal_entry (id, account_id, kind, amount_millicredits, reference)
         select gen_random_uuid(), $1, 'adjustment', i, 'ref' || i from generate_series(1, 5) as i`,
        [account],
      );
      const first = await http().get(`/accounts/${account}/journal?limit=3`).set('Authorization', operator);
      expect(first.body.items.map((e: { reference: string }) => e.reference)).toEqual([
        'ref5',
        'ref4',
        'ref3',
      ]);
      const second = await http()
        .get(`/accounts/${account}/journal`)
        .query({ limit: 3, cursor: first.body.nextCursor as string })
        .set('Authorization', operator);
      expect(second.body.items.map((e: { reference: string }) => e.reference)).toEqual(['ref2', 'ref1']);
      expect(second.body.nextCursor).toBeNull();
    });

    it.each(['usage', 'journal', 'credit-limit/changes'])(
      'refuses a page of /%s larger than the maximum, and an offset, with the reason',
      async (list) => {
        const tooBig = await http().get(`/accounts/acc_x/${list}?limit=201`).set('Authorization', operator);
        expect(tooBig.status).toBe(400);
        expect(JSON.stringify(tooBig.body.message)).toContain('limit must not be greater than 200');
        const offset = await http().get(`/accounts/acc_x/${list}?offset=400`).set('Authorization', operator);
        expect(offset.status).toBe(400);
        expect(JSON.stringify(offset.body.message)).toContain('property offset should not exist');
      },
    );

    it('refuses a cursor it did not hand out', async () => {
      const response = await http()
        .get(`/accounts/acc_x/usage?cursor=${Buffer.from('[1]').toString('base64url')}`)
        .set('Authorization', operator);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/cursor is not one this list returned/);
    });
  });
});

// RFC 4180, enough for the test: quoted fields may hold commas, doubled quotes and line breaks.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  return rows;
}
