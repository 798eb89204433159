import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import type { Role } from '@sms/auth';
import {
  createTestDatabase,
  createTestTopicPrefix,
  produceRaw,
  readTopic,
  type ReadRecord,
  serviceTestEnv,
  TestIssuer,
  testInfrastructure,
} from '@sms/testing';
import { startBilling } from '../src/start-billing';
import { readBillingConfig } from '../src/config/billing.config';
import type { FakeCard, FakeStripe } from './fake-stripe';

export const STRIPE_WEBHOOK_SECRET = 'whsec_billing_test_secret';

// One booted billing app per test file, with its own database and topic prefix, plus the helpers the
// tests share: tokens, raw Kafka produce, and direct reads of billing's tables (outbox included).
export class BillingTestApp {
  private constructor(
    readonly app: INestApplication,
    readonly db: Client,
    readonly topicPrefix: string,
    readonly issuer: TestIssuer,
  ) {}

  // Tests pay with the simulator's test cards, so it is switched on here unless `extra` says otherwise.
  static async start(label: string, extra: Record<string, string> = {}): Promise<BillingTestApp> {
    const databaseUrl = await createTestDatabase(label);
    const topicPrefix = await createTestTopicPrefix(label);
    const issuer = await TestIssuer.start();
    const config = readBillingConfig(
      serviceTestEnv({
        databaseUrl,
        topicPrefix,
        issuer,
        service: 'billing',
        extra: {
          BILLING_JOBS_INTERVAL_MS: '0',
          STRIPE_WEBHOOK_SECRET,
          PAYMENT_SIMULATOR_ENABLED: 'true',
          ...extra,
        },
      }),
    );
    const app = await startBilling(config, '127.0.0.1');
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    return new BillingTestApp(app, db, topicPrefix, issuer);
  }

  async stop(): Promise<void> {
    await this.db.end();
    await this.app.close();
    await this.issuer.stop();
  }

  http(): ReturnType<typeof request> {
    return request(this.app.getHttpServer() as Parameters<typeof request>[0]);
  }

  token(accountId: string, role: Role = 'owner', subject = `${role}@${accountId}.example`): string {
    return this.issuer.bearer(accountId, role, subject);
  }

  operator(): string {
    return this.token('platform', 'operator', 'ops@platform.example');
  }

  async produce(topic: string, payloads: Record<string, unknown>[]): Promise<void> {
    await produceRaw({
      brokers: testInfrastructure().kafkaBrokers,
      topic: `${this.topicPrefix}${topic}`,
      messages: payloads.map((p) => ({
        key: typeof p.accountId === 'string' ? p.accountId : 'rate-card',
        value: JSON.stringify(p),
      })),
    });
  }

  async outbox<T = Record<string, unknown>>(topic: string, accountId?: string): Promise<T[]> {
    const result = await this.db.query<{ payload: T }>(
      `select payload from billing.outbox where topic = $1 and ($2::text is null or key = $2) order by id`,
      [topic, accountId ?? null],
    );
    return result.rows.map((row) => row.payload);
  }

  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }

  // An account ready to buy: billing profile in EUR (Europe/Rome) and a saved simulated card.
  async customer(accountId: string, cardNumber = '4242424242424242'): Promise<{ cardId: string }> {
    const owner = this.token(accountId);
    await this.profile(accountId);
    const card = await this.http()
      .post(`/accounts/${accountId}/payment-methods`)
      .set('Authorization', owner)
      .send({ provider: 'simulated', cardNumber, expMonth: 12, expYear: 2035 })
      .expect(201);
    return { cardId: (card.body as { id: string }).id };
  }

  // An account ready to buy with a Stripe card saved the way a browser does it: billing's SetupIntent,
  // confirmed at the (fake) Stripe.
  async stripeCustomer(
    accountId: string,
    stripe: FakeStripe,
    card: FakeCard = { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2035 },
  ): Promise<{ cardId: string }> {
    const owner = this.token(accountId);
    await this.profile(accountId);
    const intent = await this.http()
      .post(`/accounts/${accountId}/payment-methods/stripe/setup-intents`)
      .set('Authorization', owner)
      .expect(201);
    stripe.confirmSetupIntent((intent.body as { setupIntentId: string }).setupIntentId, card);
    const saved = await this.http()
      .post(`/accounts/${accountId}/payment-methods`)
      .set('Authorization', owner)
      .send({ provider: 'stripe', setupIntentId: (intent.body as { setupIntentId: string }).setupIntentId })
      .expect(201);
    return { cardId: (saved.body as { id: string }).id };
  }

  async profile(accountId: string, currency = 'EUR'): Promise<void> {
    await this.http()
      .put(`/accounts/${accountId}/billing-profile`)
      .set('Authorization', this.token(accountId))
      .send({
        legalName: `${accountId} S.r.l.`,
        email: `billing@${accountId}.example`,
        country: 'IT',
        currency,
        timeZone: 'Europe/Rome',
      })
      .expect(200);
  }

  // What billing dead-lettered from one of the topics it consumes.
  async deadLetters(topic: string, count: number): Promise<ReadRecord[]> {
    return readTopic({
      brokers: testInfrastructure().kafkaBrokers,
      topic: `${this.topicPrefix}billing.${topic}.dlq`,
      count,
    });
  }

  async orderStatus(accountId: string, orderId: string): Promise<string> {
    const response = await this.http()
      .get(`/accounts/${accountId}/orders/${orderId}`)
      .set('Authorization', this.token(accountId))
      .expect(200);
    return (response.body as { status: string }).status;
  }

  // What the ledger answers to a grant; the balance after it defaults to the granted credits.
  async ledgerApplies(grant: {
    accountId: string;
    orderId: string;
    grantedMillicredits: number;
    balanceMillicredits?: number;
  }): Promise<void> {
    await this.produce('credits.applied', [
      {
        schemaVersion: 1,
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        accountId: grant.accountId,
        orderId: grant.orderId,
        lotId: `lot_${grant.orderId}`,
        source: 'purchase',
        grantedMillicredits: grant.grantedMillicredits,
        deficitNettedMillicredits: 0,
        balanceMillicredits: grant.balanceMillicredits ?? grant.grantedMillicredits,
        expiresAt: null,
      },
    ]);
  }
}
