import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, serviceTestEnv, TestIssuer, createTestTopicPrefix } from '@sms/testing';
import { readBillingConfig } from '../config/billing.config';
import { startBilling } from '../start-billing';

jest.setTimeout(60_000);

describe('billing jobs in production mode', () => {
  let app: INestApplication;
  let issuer: TestIssuer;
  const operator = () => issuer.bearer('ops', 'operator', 'ops');

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    const env = serviceTestEnv({
      issuer,
      databaseUrl: await createTestDatabase('billing_time_travel'),
      topicPrefix: await createTestTopicPrefix('billing_time_travel'),
      service: 'billing',
      extra: {
        NODE_ENV: 'production',
        BILLING_JOBS_INTERVAL_MS: '0',
        OPS_TOKEN: 'ops-token-for-the-test-0123456789',
      },
    });
    delete env.TIME_TRAVEL_ENABLED;
    app = await startBilling(readBillingConfig(env), '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
    await issuer.stop();
  });

  it.each(['scheduled-orders', 'subscription-renewals', 'invoices'])(
    'refuses to run %s as of another moment',
    async (job) => {
      const response = await request(app.getHttpServer())
        .post(`/jobs/${job}/run`)
        .set('Authorization', operator())
        .send({ asOf: '2099-02-01T08:00:00Z' });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/asOf is refused.*TIME_TRAVEL_ENABLED/);
    },
  );

  it('still runs a job as of now', async () => {
    const response = await request(app.getHttpServer())
      .post('/jobs/invoices/run')
      .set('Authorization', operator())
      .send({});
    expect(response.status).toBe(200);
  });
});
