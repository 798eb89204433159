import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, serviceTestEnv, TestIssuer, createTestTopicPrefix } from '@sms/testing';
import { readLedgerConfig } from '../config/ledger.config';
import { startLedger } from '../start-ledger';

jest.setTimeout(60_000);

describe('ledger expiry run in production mode', () => {
  let app: INestApplication;
  let issuer: TestIssuer;
  const operator = () => issuer.bearer('ops', 'operator', 'ops');

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    const env = serviceTestEnv({
      issuer,
      databaseUrl: await createTestDatabase('ledger_time_travel'),
      topicPrefix: await createTestTopicPrefix('ledger_time_travel'),
      service: 'ledger',
      extra: {
        NODE_ENV: 'production',
        LEDGER_SCHEDULER_ENABLED: 'false',
        OPS_TOKEN: 'ops-token-for-the-test-0123456789',
      },
    });
    delete env.TIME_TRAVEL_ENABLED;
    app = await startLedger(readLedgerConfig(env), '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
    await issuer.stop();
  });

  it('refuses an operator run as of another moment with the reason', async () => {
    const response = await request(app.getHttpServer())
      .post('/operator/expiry/run')
      .set('Authorization', operator())
      .send({ asOf: '2099-01-01T00:00:00Z' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/asOf is refused.*TIME_TRAVEL_ENABLED/);
  });

  it('still runs the job as of now', async () => {
    const response = await request(app.getHttpServer())
      .post('/operator/expiry/run')
      .set('Authorization', operator())
      .send({});
    expect(response.status).toBe(200);
  });
});
