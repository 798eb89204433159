import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createTestDatabase, serviceTestEnv, TestIssuer, createTestTopicPrefix } from '@sms/testing';
import { readNotifierConfig } from './config/notifier.config';
import { startNotifier } from './start-notifier';

jest.setTimeout(60_000);

describe('delivery log paging', () => {
  let app: INestApplication;
  let db: Client;
  let issuer: TestIssuer;
  const owner = () => issuer.bearer('acc-log', 'owner', 'o');

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    const databaseUrl = await createTestDatabase('notifier_delivery_log');
    const env = serviceTestEnv({
      issuer,
      databaseUrl,
      topicPrefix: await createTestTopicPrefix('notifier_delivery_log'),
      service: 'notifier',
      // Nothing is sent: the sender and reminder loops are off.
      extra: { SMTP_URL: 'smtp://127.0.0.1:1', DELIVERY_POLL_INTERVAL_MS: '0', REMINDER_INTERVAL_MS: '0' },
    });
    app = await startNotifier(readNotifierConfig(env), '127.0.0.1');
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(
      `insert into notifier.delivery (event_id, recipient, kind, account_id, subject, html, text, status)
       select 'evt_' || i, 'ops@acc-log.example', 'low_balance', 'acc-log', 'Low balance ' || i, '', '', 'sent'
       from generate_series(1, 5) as i`,
    );
  });

  afterAll(async () => {
    await db.end();
    await app.close();
    await issuer.stop();
  });

  it('pages through the deliveries newest first with an opaque cursor', async () => {
    const subjects: string[] = [];
    let cursor: string | null = null;
    do {
      const response: request.Response = await request(app.getHttpServer())
        .get('/accounts/acc-log/deliveries')
        .query({ limit: 2, ...(cursor === null ? {} : { cursor }) })
        .set('Authorization', owner())
        .expect(200);
      subjects.push(...(response.body.items as { subject: string }[]).map((item) => item.subject));
      cursor = response.body.nextCursor as string | null;
    } while (cursor !== null);
    expect(subjects).toEqual([
      'Low balance 5',
      'Low balance 4',
      'Low balance 3',
      'Low balance 2',
      'Low balance 1',
    ]);
  });

  it('refuses a page above the maximum size', async () => {
    const response = await request(app.getHttpServer())
      .get('/accounts/acc-log/deliveries?limit=201')
      .set('Authorization', owner());
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.message)).toContain('limit must not be greater than 200');
  });
});
