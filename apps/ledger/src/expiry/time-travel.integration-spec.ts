import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { signToken } from '@sms/auth';
import { createTestDatabase, serviceTestEnv, TEST_JWT_SECRET, uniqueTopicPrefix } from '@sms/testing';
import { readLedgerConfig } from '../config/ledger.config';
import { startLedger } from '../start-ledger';

jest.setTimeout(60_000);

const operator = `Bearer ${signToken({ secret: TEST_JWT_SECRET, subject: 'ops', accountId: 'ops', role: 'operator' })}`;

describe('ledger expiry run in production mode', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const env = serviceTestEnv({
      databaseUrl: await createTestDatabase('ledger_time_travel'),
      topicPrefix: uniqueTopicPrefix('ledger_time_travel'),
      extra: { NODE_ENV: 'production', LEDGER_SCHEDULER_ENABLED: 'false' },
    });
    delete env.TIME_TRAVEL_ENABLED;
    app = await startLedger(readLedgerConfig(env), '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses an operator run as of another moment with the reason', async () => {
    const response = await request(app.getHttpServer())
      .post('/operator/expiry/run')
      .set('Authorization', operator)
      .send({ asOf: '2099-01-01T00:00:00Z' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/asOf is refused.*TIME_TRAVEL_ENABLED/);
  });

  it('still runs the job as of now', async () => {
    const response = await request(app.getHttpServer())
      .post('/operator/expiry/run')
      .set('Authorization', operator)
      .send({});
    expect(response.status).toBe(200);
  });
});
