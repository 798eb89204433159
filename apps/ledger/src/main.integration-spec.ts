import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  createTestDatabase,
  createTestTopicPrefix,
  runServiceProcess,
  serviceTestEnv,
  TestIssuer,
} from '@sms/testing';
import { readLedgerConfig } from './config/ledger.config';
import { startLedger } from './start-ledger';

jest.setTimeout(120_000);

describe('ledger service', () => {
  describe('with a bad configuration', () => {
    it('refuses to start in production with time travel enabled and says why', async () => {
      const result = await runServiceProcess({
        entry: 'apps/ledger/src/main.ts',
        env: {
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
          KAFKA_BROKERS: '127.0.0.1:1',
          AUTH_ISSUER_URL: 'https://id.example.com',
          TIME_TRAVEL_ENABLED: 'true',
        },
        // Compiling the service on the fly takes a while on a busy machine.
        timeoutMs: 90_000,
      });
      expect(result.code).toBe(78);
      expect(result.stderr).toMatch(/TIME_TRAVEL_ENABLED: .*refused in production/);
    }, 120_000);

    it('refuses to start in production without Kafka credentials, naming the setting but never a secret', async () => {
      const result = await runServiceProcess({
        entry: 'apps/ledger/src/main.ts',
        env: {
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
          KAFKA_BROKERS: '127.0.0.1:1',
          AUTH_ISSUER_URL: 'https://id.example.com',
          KAFKA_SASL_MECHANISM: 'scram-sha-512',
          KAFKA_SASL_PASSWORD: 'the-password-itself',
        },
      });
      expect(result.code).toBe(78);
      expect(result.stderr).toContain(
        'KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM is scram-sha-512',
      );
      expect(result.stderr).not.toContain('the-password-itself');
    });

    it('refuses to start in production with Kafka authentication off', async () => {
      const result = await runServiceProcess({
        entry: 'apps/ledger/src/main.ts',
        env: {
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
          KAFKA_BROKERS: '127.0.0.1:1',
          AUTH_ISSUER_URL: 'https://id.example.com',
          KAFKA_SASL_MECHANISM: 'none',
        },
      });
      expect(result.code).toBe(78);
      expect(result.stderr).toMatch(/KAFKA_SASL_MECHANISM: is none; production needs/);
    });

    it('refuses to start in production when neither OPS_PORT nor OPS_TOKEN protects /metrics and /docs', async () => {
      const result = await runServiceProcess({
        entry: 'apps/ledger/src/main.ts',
        env: {
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
          KAFKA_BROKERS: '127.0.0.1:1',
          AUTH_ISSUER_URL: 'https://id.example.com',
          KAFKA_SASL_MECHANISM: 'scram-sha-512',
          KAFKA_SASL_USERNAME: 'ledger',
          KAFKA_SASL_PASSWORD: 'the-password-itself',
          KAFKA_SSL: 'true',
        },
        timeoutMs: 90_000,
      });
      expect(result.code).toBe(78);
      expect(result.stderr).toMatch(/OPS_TOKEN or OPS_PORT: production needs one of them/);
      expect(result.stderr).not.toContain('the-password-itself');
    }, 120_000);

    it('refuses to start with a malformed port and names the setting, not its value', async () => {
      const result = await runServiceProcess({ entry: 'apps/ledger/src/main.ts', env: { PORT: 'eighty' } });
      expect(result.code).toBe(78);
      expect(result.stderr).toContain('PORT: ');
      expect(result.stderr).not.toContain('eighty');
    });
  });

  describe('running', () => {
    let app: INestApplication;
    let issuer: TestIssuer;

    beforeAll(async () => {
      issuer = await TestIssuer.start();
      const env = serviceTestEnv({
        databaseUrl: await createTestDatabase('ledger_boot'),
        topicPrefix: await createTestTopicPrefix('ledger_boot'),
        service: 'ledger',
        issuer,
      });
      const config = readLedgerConfig(env);
      app = await startLedger(config, '127.0.0.1');
    });

    afterAll(async () => {
      await app.close();
      await issuer.stop();
    });

    it('answers 401 to a request without a token', async () => {
      const response = await request(app.getHttpServer()).get('/me');
      expect(response.status).toBe(401);
      expect(response.body.message).toBe('Missing bearer token');
    });

    it('answers a request with a valid token', async () => {
      const token = issuer.token({ subject: 'ops@example.com', accountId: 'acc_1', role: 'owner' });
      const response = await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ subject: 'ops@example.com', accountId: 'acc_1', role: 'owner' });
    });

    it('reports ready when PostgreSQL and Kafka answer', async () => {
      const response = await request(app.getHttpServer()).get('/health/ready');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'ready',
        checks: { postgres: { ok: true }, kafka: { ok: true } },
      });
    });

    it('exposes Prometheus metrics including the consumer counters', async () => {
      const response = await request(app.getHttpServer()).get('/metrics');
      expect(response.status).toBe(200);
      expect(response.text).toContain('kafka_events_processed_total');
      expect(response.text).toContain('kafka_consumer_lag');
      expect(response.text).toContain('outbox_events_pending');
    });

    it('serves its OpenAPI document', async () => {
      const response = await request(app.getHttpServer()).get('/docs/openapi.json');
      expect(response.status).toBe(200);
      expect(response.body.components.securitySchemes.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
    });
  });

  describe('with tight rate limits', () => {
    let app: INestApplication;
    let issuer: TestIssuer;
    const token = (subject: string) => issuer.bearer('acc_rl', 'owner', subject);

    beforeAll(async () => {
      issuer = await TestIssuer.start();
      const env = serviceTestEnv({
        issuer,
        databaseUrl: await createTestDatabase('ledger_rate_limit'),
        topicPrefix: await createTestTopicPrefix('ledger_rate_limit'),
        service: 'ledger',
        extra: {
          RATE_LIMIT_PER_SUBJECT: '3',
          RATE_LIMIT_EXPENSIVE_PER_SUBJECT: '1',
          LEDGER_SCHEDULER_ENABLED: 'false',
        },
      });
      app = await startLedger(readLedgerConfig(env), '127.0.0.1');
    });

    afterAll(async () => {
      await app.close();
      await issuer.stop();
    });

    it('answers 429 with Retry-After to a flooding token and keeps serving another', async () => {
      for (let i = 0; i < 3; i++) {
        await request(app.getHttpServer()).get('/me').set('Authorization', token('flooder')).expect(200);
      }
      const limited = await request(app.getHttpServer()).get('/me').set('Authorization', token('flooder'));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await request(app.getHttpServer()).get('/me').set('Authorization', token('neighbour')).expect(200);
    });

    it('allows fewer calls of an export than of other routes', async () => {
      const owner = token('exporter');
      await request(app.getHttpServer())
        .get('/accounts/acc_rl/usage/export.csv')
        .set('Authorization', owner)
        .expect(200);
      const limited = await request(app.getHttpServer())
        .get('/accounts/acc_rl/usage/export.csv')
        .set('Authorization', owner);
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
      await request(app.getHttpServer()).get('/me').set('Authorization', owner).expect(200);
    });
  });
});
