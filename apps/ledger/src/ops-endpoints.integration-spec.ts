import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ReadinessRegistry } from '@sms/observability';
import {
  createTestDatabase,
  freePort,
  serviceTestEnv,
  TestIssuer,
  createTestTopicPrefix,
} from '@sms/testing';
import { readLedgerConfig } from './config/ledger.config';
import { startLedger } from './start-ledger';

jest.setTimeout(90_000);

const OPS_TOKEN = 'ops-token-for-the-test-0123456789';

async function ledger(
  label: string,
  issuer: TestIssuer,
  extra: Record<string, string>,
): Promise<INestApplication> {
  const env = serviceTestEnv({
    issuer,
    databaseUrl: await createTestDatabase(label),
    topicPrefix: await createTestTopicPrefix(label),
    service: 'ledger',
    extra: { LEDGER_SCHEDULER_ENABLED: 'false', ...extra },
  });
  return startLedger(readLedgerConfig(env), '127.0.0.1');
}

describe('operations endpoints', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
  });

  afterAll(async () => {
    await issuer.stop();
  });

  describe('behind a token', () => {
    let app: INestApplication;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      app = await ledger('ops_token', issuer, { OPS_TOKEN });
      // A dependency that fails with the kind of detail nobody outside should read.
      app.get(ReadinessRegistry).register({
        name: 'probe',
        check: () => Promise.reject(new Error('connect ECONNREFUSED 10.20.30.40:5432 (user ledger_rw)')),
      });
    });

    afterAll(async () => {
      await app.close();
    });

    it('serves /metrics and /docs only to a bearer of the operations token', async () => {
      await http().get('/metrics').expect(401);
      await http().get('/metrics').set('Authorization', 'Bearer not-the-token-0123456789').expect(401);
      await http().get('/docs/openapi.json').expect(401);
      await http().get('/docs').expect(401);
      const metrics = await http().get('/metrics').set('Authorization', `Bearer ${OPS_TOKEN}`).expect(200);
      expect(metrics.text).toContain('kafka_consumer_lag');
      await http().get('/docs/openapi.json').set('Authorization', `Bearer ${OPS_TOKEN}`).expect(200);
    });

    it('tells an anonymous caller only that a readiness check failed; the detail is in metrics', async () => {
      const anonymous = await http().get('/health/ready').expect(503);
      expect(anonymous.body.checks.probe).toEqual({ ok: false, error: 'unavailable' });
      expect(JSON.stringify(anonymous.body)).not.toContain('10.20.30.40');

      const operator = await http()
        .get('/health/ready')
        .set('Authorization', `Bearer ${OPS_TOKEN}`)
        .expect(503);
      expect(operator.body.checks.probe.error).toContain('ECONNREFUSED 10.20.30.40:5432');

      const metrics = await http().get('/metrics').set('Authorization', `Bearer ${OPS_TOKEN}`).expect(200);
      expect(metrics.text).toMatch(/readiness_check_up\{[^}]*check="probe"[^}]*\} 0/);
    });
  });

  describe('on an internal port', () => {
    let app: INestApplication;
    let opsPort: number;

    beforeAll(async () => {
      opsPort = await freePort();
      app = await ledger('ops_port', issuer, { OPS_PORT: String(opsPort) });
    });

    afterAll(async () => {
      await app.close();
    });

    it('serves /metrics and /docs on the operations port and not on the public one', async () => {
      await request(app.getHttpServer()).get('/metrics').expect(404);
      await request(app.getHttpServer()).get('/docs/openapi.json').expect(404);
      const ops = request(`http://127.0.0.1:${opsPort}`);
      expect((await ops.get('/metrics').expect(200)).text).toContain('kafka_events_processed_total');
      expect((await ops.get('/docs/openapi.json').expect(200)).body.paths).toHaveProperty([
        '/accounts/{accountId}/usage',
      ]);
    });
  });
});
