import { randomBytes, randomUUID } from 'node:crypto';
import {
  countSegments,
  CREDIT_SCALE,
  type CreditsGrantedEvent,
  type SmsSentEvent,
  Topics,
} from '@sms/contracts';
import { TestIssuer } from '@sms/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  createDatabase,
  databaseUrl,
  freePort,
  grantKafkaAccess,
  KAFKA_ADMIN,
  kafkaEnvFor,
  saslFor,
  type KafkaCredentials,
  type KafkaSasl,
} from '@sms/infra';
import { ApiClient } from '../../tools/demo/api-client';
import { AppName, AppProcess } from '../../tools/demo/app-process';
import { until } from '../../tools/demo/story';
import { countryOfNumber, MessageFactory, price, RateCard, seededRandom } from '../../tools/gateway-sim';

// One token issuer for the whole run: every app a scenario starts trusts it.
let issuer: TestIssuer | undefined;

async function faultsIssuer(): Promise<TestIssuer> {
  issuer ??= await TestIssuer.start();
  return issuer;
}
export const RATES: RateCard = {
  defaultMillicreditsPerSegment: 1000,
  rates: { IT: 1000, GB: 1200, DE: 1100, FR: 1100, US: 700, ES: 1000, BR: 1500 },
};

export interface Infra {
  databaseServerUrl: string;
  kafkaBrokers: string;
  // The broker's principals (absent for a given broker without SASL).
  kafkaCredentials?: KafkaCredentials;
}

// The scenarios inject raw events and inspect topics as the broker's admin.
export function adminSasl(infra: Infra): KafkaSasl | undefined {
  return infra.kafkaCredentials && saslFor(infra.kafkaCredentials, KAFKA_ADMIN);
}

// What a scenario says it did and what it checked, printed as it goes.
export class ScenarioLog {
  readonly checks: { what: string; ok: boolean }[] = [];

  constructor(readonly name: string) {}

  did(line: string): void {
    process.stdout.write(`  · ${line}\n`);
  }

  check(what: string, ok: boolean): void {
    this.checks.push({ what, ok });
    process.stdout.write(`  ${ok ? '✔' : '✘'} ${what}\n`);
  }

  get passed(): boolean {
    return this.checks.length > 0 && this.checks.every((c) => c.ok);
  }
}

// Only valid once a scenario has started an app (which starts the issuer).
export function operatorToken(): string {
  if (issuer === undefined) {
    throw new Error('start an app before asking for a token');
  }
  return issuer.token({
    subject: 'ops@faults.example',
    accountId: 'platform',
    role: 'operator',
    expiresInSeconds: 2 * 3600,
  });
}

export interface StartAppOptions {
  name: AppName;
  infra: Infra;
  topicPrefix: string;
  label: string;
  env?: Record<string, string>;
  onLine?: (app: AppName, line: string) => void;
}

// One app as a process with a fresh database of its own.
export async function startApp(options: StartAppOptions): Promise<AppProcess> {
  return (await startAppWithDatabase(options)).app;
}

// The same, also saying which database the app got (to look at its tables directly).
export async function startAppWithDatabase(
  options: StartAppOptions,
): Promise<{ app: AppProcess; databaseUrl: string }> {
  const db = await createDatabase(
    databaseUrl(options.infra.databaseServerUrl, 'postgres'),
    `faults_${options.label}_${randomBytes(3).toString('hex')}`,
  );
  const credentials = options.infra.kafkaCredentials;
  if (credentials) {
    // Every principal's grants under the scenario's prefix (idempotent when several apps share it).
    await grantKafkaAccess({
      brokers: options.infra.kafkaBrokers,
      credentials,
      topicPrefix: options.topicPrefix,
    });
  }
  const app = new AppProcess(
    options.name,
    await freePort(),
    {
      NODE_ENV: 'development',
      DATABASE_URL: db,
      KAFKA_BROKERS: options.infra.kafkaBrokers,
      ...(credentials && kafkaEnvFor(credentials, options.name)),
      KAFKA_TOPIC_PREFIX: options.topicPrefix,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      ...(await faultsIssuer()).env(),
      SMTP_URL: 'smtp://127.0.0.1:1',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      // Every client of this run shares one address and polls the usage totals: room above the defaults.
      RATE_LIMIT_PER_IP: '1000000',
      RATE_LIMIT_PER_SUBJECT: '1000000',
      RATE_LIMIT_EXPENSIVE_PER_SUBJECT: '100000',
      ...options.env,
    },
    { onLine: options.onLine },
  );
  app.start();
  await app.waitUntilReady();
  return { app, databaseUrl: db };
}

export function topicPrefix(label: string): string {
  return `faults-${label}-${randomBytes(3).toString('hex')}.`;
}

export class RawProducer {
  private readonly producer: Producer;
  // Sends that failed and were sent again, and the longest a send took to get through.
  failedAttempts = 0;
  resentBatches = 0;
  longestSendMs = 0;

  constructor(
    infra: Infra,
    private readonly prefix: string,
  ) {
    this.producer = new Kafka({
      clientId: 'fault-tests',
      brokers: infra.kafkaBrokers.split(','),
      sasl: adminSasl(infra),
      logLevel: logLevel.NOTHING,
    }).producer({
      allowAutoTopicCreation: true,
    });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  // Sends raw records, retrying through a broker outage (a repeat is what Kafka may do anyway).
  async send(topic: string, messages: { key: string | null; value: string | null }[]): Promise<void> {
    const started = Date.now();
    const deadline = started + 180_000;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.producer.send({ topic: `${this.prefix}${topic}`, acks: -1, messages });
        this.resentBatches += attempt > 1 ? 1 : 0;
        this.longestSendMs = Math.max(this.longestSendMs, Date.now() - started);
        return;
      } catch (error) {
        this.failedAttempts += 1;
        if (Date.now() > deadline) {
          throw error;
        }
        await new Promise((done) => setTimeout(done, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

// Accounts with a rate card and granted credits, ready to be charged.
export async function prepareLedger(options: {
  ledger: AppProcess;
  producer: RawProducer;
  accounts: string[];
  creditsEach: number;
}): Promise<ApiClient> {
  const api = new ApiClient(options.ledger.url, operatorToken());
  await api.put('/rate-card', RATES);
  for (const id of options.accounts) {
    await api.post('/accounts', { id, homeCountry: 'IT' });
  }
  await options.producer.send(
    Topics.CreditsGranted,
    options.accounts.map((accountId) => ({
      key: accountId,
      value: JSON.stringify({
        schemaVersion: 2,
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        accountId,
        orderId: `ord_${accountId}`,
        grantedMillicredits: options.creditsEach * CREDIT_SCALE,
        source: 'goodwill',
        expiry: { kind: 'never' },
      } satisfies CreditsGrantedEvent),
    })),
  );
  for (const id of options.accounts) {
    await until(
      async () => {
        const balance = await api.get<{ balanceMillicredits: number }>(`/accounts/${id}/balance`);
        return balance.balanceMillicredits === options.creditsEach * 1000 ? balance : undefined;
      },
      { what: `credits for ${id}`, timeoutMs: 60_000 },
    );
  }
  return api;
}

export interface Traffic {
  events: SmsSentEvent[];
  expectedMillicredits: Map<string, number>;
  expectedMessages: Map<string, number>;
}

// Realistic sms.sent spread over accounts, with what each account must be charged.
export function traffic(options: {
  accounts: string[];
  count: number;
  campaignId: string;
  seed: number;
}): Traffic {
  const factory = new MessageFactory(seededRandom(options.seed), options.campaignId);
  const sentAt = new Date().toISOString();
  const events = Array.from({ length: options.count }, (_, i): SmsSentEvent => {
    const sms = factory.message(i);
    const accountId = options.accounts[i % options.accounts.length];
    return {
      schemaVersion: 1,
      messageId: sms.messageId,
      accountId,
      to: sms.to,
      body: sms.body,
      campaignId: options.campaignId,
      sentAt,
    };
  });
  return expectations(events);
}

// What each account must be charged for these events: segments of the body × the destination rate.
export function expectations(events: SmsSentEvent[]): Traffic {
  const expectedMillicredits = new Map<string, number>();
  const expectedMessages = new Map<string, number>();
  for (const event of events) {
    const body = event.body ?? '';
    const count = countSegments(body);
    const cost = price(RATES, {
      messageId: event.messageId,
      to: event.to,
      country: countryOfNumber(event.to),
      body,
      encoding: count.encoding,
      segments: count.segments,
    }).millicredits;
    expectedMillicredits.set(event.accountId, (expectedMillicredits.get(event.accountId) ?? 0) + cost);
    expectedMessages.set(event.accountId, (expectedMessages.get(event.accountId) ?? 0) + 1);
  }
  return { events, expectedMillicredits, expectedMessages };
}

// Publishes the events at about `ratePerSecond`, in batches.
export async function publishPaced(options: {
  producer: RawProducer;
  records: { key: string | null; value: string | null }[];
  ratePerSecond: number;
  onProgress?: (sent: number) => void;
}): Promise<void> {
  const batch = Math.max(1, Math.round(options.ratePerSecond / 10));
  const started = Date.now();
  for (let offset = 0; offset < options.records.length; offset += batch) {
    await options.producer.send(Topics.SmsSent, options.records.slice(offset, offset + batch));
    options.onProgress?.(Math.min(options.records.length, offset + batch));
    const due = started + ((offset + batch) * 1000) / options.ratePerSecond;
    if (due > Date.now()) {
      await new Promise((done) => setTimeout(done, due - Date.now()));
    }
  }
}

export function asRecords(events: readonly SmsSentEvent[]): { key: string; value: string }[] {
  return events.map((event) => ({ key: event.accountId, value: JSON.stringify(event) }));
}

// Waits for the ledger to have charged `messages` in all, then compares every account with what it
// must hold, and the journal with the cached balances.
export async function verifyLedger(options: {
  log: ScenarioLog;
  api: ApiClient;
  creditsEach: number;
  traffic: Traffic;
  timeoutMs?: number;
}): Promise<void> {
  const { log, api, traffic: t } = options;
  const expectedTotal = [...t.expectedMessages.values()].reduce((a, b) => a + b, 0);
  const started = Date.now();
  let charged = 0;
  try {
    charged = await until(
      async () => {
        let sum = 0;
        for (const id of t.expectedMessages.keys()) {
          sum += (await api.get<{ messages: number }>(`/accounts/${id}/usage/summary`)).messages;
        }
        // What is charged so far, reported if the wait times out.
        charged = sum;
        return sum >= expectedTotal ? sum : undefined;
      },
      {
        what: `${expectedTotal} charges`,
        timeoutMs: options.timeoutMs ?? Number(process.env.FAULTS_CATCH_UP_MS ?? 300_000),
        intervalMs: 1000,
      },
    );
  } catch (error) {
    log.did(String(error));
  }
  log.did(
    `ledger caught up in ${((Date.now() - started) / 1000).toFixed(1)} s after the last event was published`,
  );
  log.check(
    `charged messages ${charged.toLocaleString('en-US')} = expected ${expectedTotal.toLocaleString('en-US')} (none lost, none twice)`,
    charged === expectedTotal,
  );
  let exact = 0;
  for (const [id, spent] of t.expectedMillicredits) {
    const balance = await api.get<{ balanceMillicredits: number }>(`/accounts/${id}/balance`);
    const expected = options.creditsEach * 1000 - spent;
    if (balance.balanceMillicredits === expected) {
      exact += 1;
    } else {
      log.did(`${id}: balance ${balance.balanceMillicredits} millicredits, expected ${expected}`);
    }
  }
  const totalSpent = [...t.expectedMillicredits.values()].reduce((a, b) => a + b, 0);
  log.check(
    `${exact}/${t.expectedMillicredits.size} balances exactly = granted − expected charges (${totalSpent.toLocaleString('en-US')} millicredits spent)`,
    exact === t.expectedMillicredits.size,
  );
  const journal = await api.post<{ accountsChecked: number; differences: unknown[] }>(
    '/operator/journal/check',
  );
  log.check(
    `journal check: ${journal.accountsChecked} accounts, ${journal.differences.length} differences`,
    journal.differences.length === 0,
  );
}
