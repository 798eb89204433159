import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, serviceTestEnv, TestIssuer, createTestTopicPrefix } from '@sms/testing';
import { readNotifierConfig } from '../config/notifier.config';
import { startNotifier } from '../start-notifier';

jest.setTimeout(60_000);

describe('notifier reminders in production mode', () => {
  let app: INestApplication;
  let issuer: TestIssuer;
  const operator = () => issuer.bearer('ops', 'operator', 'ops');

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    const env = serviceTestEnv({
      issuer,
      databaseUrl: await createTestDatabase('notifier_time_travel'),
      topicPrefix: await createTestTopicPrefix('notifier_time_travel'),
      service: 'notifier',
      extra: {
        NODE_ENV: 'production',
        // Never contacted: the sender and reminder loops are off.
        SMTP_URL: 'smtp://127.0.0.1:1',
        DELIVERY_POLL_INTERVAL_MS: '0',
        REMINDER_INTERVAL_MS: '0',
        OPS_TOKEN: 'ops-token-for-the-test-0123456789',
      },
    });
    delete env.TIME_TRAVEL_ENABLED;
    app = await startNotifier(readNotifierConfig(env), '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
    await issuer.stop();
  });

  it('refuses to run the reminders as of another moment', async () => {
    const response = await request(app.getHttpServer())
      .post('/operations/daily-reminders/run')
      .set('Authorization', operator())
      .send({ asOf: '2099-01-01T08:05:00Z' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/asOf is refused.*TIME_TRAVEL_ENABLED/);
  });

  it('still runs the reminders as of now', async () => {
    const response = await request(app.getHttpServer())
      .post('/operations/daily-reminders/run')
      .set('Authorization', operator())
      .send({});
    expect(response.status).toBe(200);
  });
});
