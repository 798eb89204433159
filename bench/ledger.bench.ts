/* Ledger benchmark: sms.sent ingest through the real ledger (batch handler) against a naive NestJS
   @EventPattern consumer that debits in one transaction per message. Run: npm run bench:ledger [-- --events N]
   Uses DATABASE_URL / KAFKA_BROKERS when set, otherwise starts PostgreSQL and Kafka from tools/infra. */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';
import { kafkaPrincipals, Topics } from '@sms/contracts';
import { freePort } from '@sms/testing';
import { readLedgerConfig } from '../apps/ledger/src/config/ledger.config';
import { startLedger } from '../apps/ledger/src/start-ledger';
import {
  clientProperties,
  createDatabase,
  ensureKafkaJars,
  grantKafkaAccess,
  KAFKA_ADMIN,
  kafkaEnvFor,
  localKafkaCredentials,
  saslFor,
  startKafka,
  type KafkaCredentials,
  startPostgres,
  stopKafka,
  stopPostgres,
} from '../tools/infra';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 200_000);
const BASELINE_EVENTS = arg('baseline-events', EVENTS);
const PARTITIONS = 3;
const run = randomBytes(3).toString('hex');
const prefix = `bench${run}.`;

interface ScenarioResult {
  scenario: string;
  events: number;
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  baselineEvents: number;
  baselineEventsPerSec: number;
  baselineExtrapolated: boolean;
  // How fast the producer put the events on Kafka: ingest cannot be measured above it.
  producedPerSec: number;
  speedup: number;
}

// Servers this run started itself (none when DATABASE_URL / KAFKA_BROKERS are given); stopped and
// removed at the end, whether the run succeeded or not.
const started: { dir: string; postgres: boolean; kafka: boolean } = {
  dir: join(tmpdir(), `sms-bench-${run}`),
  postgres: false,
  kafka: false,
};

interface BenchInfra {
  databaseUrl: string;
  brokers: string;
  // Absent for a given broker without SASL.
  credentials?: KafkaCredentials;
}

async function infrastructure(): Promise<BenchInfra> {
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl === undefined) {
    started.postgres = true;
    databaseUrl = (await startPostgres({ dataDir: join(started.dir, 'pg'), port: await freePort() })).url;
  }
  let brokers = process.env.KAFKA_BROKERS;
  let credentials: KafkaCredentials | undefined;
  if (brokers === undefined) {
    started.kafka = true;
    const broker = await startKafka({
      dataDir: join(started.dir, 'kafka'),
      port: await freePort(),
      controllerPort: await freePort(),
      principals: kafkaPrincipals(),
    });
    brokers = broker.brokers;
    credentials = broker.credentials;
  } else {
    credentials = await localKafkaCredentials();
  }
  if (credentials !== undefined) {
    await grantKafkaAccess({ brokers, credentials, topicPrefix: prefix });
  }
  return { databaseUrl, brokers, credentials };
}

async function stopInfrastructure(): Promise<void> {
  if (started.kafka) {
    await stopKafka({ dataDir: join(started.dir, 'kafka') });
  }
  if (started.postgres) {
    await stopPostgres({ dataDir: join(started.dir, 'pg') });
  }
  if (started.kafka || started.postgres) {
    rmSync(started.dir, { recursive: true, force: true });
  }
}

// The producer plays the gateway. It is Kafka's own console producer (the Java client, from the jars the
// local broker runs on): on a real system the gateway is another machine, and the Java client takes a
// fraction of the CPU kafkajs would take from the ledger on this shared box. Each message is keyed by
// its account, so Kafka's default partitioner keeps an account on one partition, as the contract says.
// Payloads are built before the clock starts, like a gateway with its queue ready; each chunk's sentAt
// is stamped just before the chunk is written, so committed_at − sentAt is the produce→committed latency.
async function produce(options: {
  infra: BenchInfra;
  // sms-gateway for sms.sent; the admin for the baseline's own topic.
  principal: string;
  topic: string;
  count: number;
  accounts: string[];
}): Promise<{ started: number; finished: number }> {
  // The principal's password goes to the JVM in a file only its owner reads, removed once it exits.
  const security: string[] = [];
  const propertiesFile = join(tmpdir(), `sms-bench-${run}-${options.principal}.properties`);
  if (options.infra.credentials !== undefined) {
    writeFileSync(propertiesFile, clientProperties(options.infra.credentials, options.principal), {
      mode: 0o600,
    });
    security.push('--producer.config', propertiesFile);
  }
  const heads: string[] = [];
  for (let j = 0; j < options.count; j++) {
    const accountId = options.accounts[j % options.accounts.length];
    heads.push(
      `${accountId}\t{"schemaVersion":1,"messageId":"m${run}-${j}-${randomUUID().slice(0, 8)}",` +
        `"accountId":"${accountId}","to":"+393471234567","segments":${1 + (j % 3)},"campaignId":"bench","sentAt":"`,
    );
  }
  const producer = spawn(
    'java',
    [
      '-Xms128m',
      '-Xmx512m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      `-Dlog4j.configuration=file:${join(__dirname, 'producer-log4j.properties')}`,
      '-cp',
      join(await ensureKafkaJars(), '*'),
      'kafka.tools.ConsoleProducer',
      '--bootstrap-server',
      options.infra.brokers,
      ...security,
      '--topic',
      options.topic,
      '--property',
      'parse.key=true',
      '--property',
      'key.separator=\t',
      '--producer-property',
      'acks=1',
      '--producer-property',
      'linger.ms=5',
      '--producer-property',
      'batch.size=262144',
    ],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve, reject) => {
    producer.once('error', reject);
    producer.once('exit', resolve);
  });
  // The JVM starts and connects before the clock does.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const started = Date.now();
  const chunk = 500;
  for (let i = 0; i < options.count; i += chunk) {
    const tail = `${new Date().toISOString()}"}\n`;
    let lines = '';
    for (let j = i; j < Math.min(options.count, i + chunk); j++) {
      lines += heads[j] + tail;
    }
    if (!producer.stdin.write(lines)) {
      await new Promise((resolve) => producer.stdin.once('drain', resolve));
    }
  }
  producer.stdin.end();
  const code = await exited;
  rmSync(propertiesFile, { force: true });
  if (code !== 0) {
    throw new Error(`the console producer exited with ${code}`);
  }
  return { started, finished: Date.now() };
}

async function dropDatabase(adminUrl: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists bench_ledger_${run} with (force)`);
  await admin.end();
}

async function waitForCount(db: Pool, sql: string, target: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = Number((await db.query<{ count: string }>(sql)).rows[0].count);
    if (count >= target) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out at ${count}/${target}: ${sql}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function measure(db: Pool, table: string, where: string, started: number) {
  const { rows } = await db.query<{ last: string; p50: number; p99: number; n: number }>(
    `select extract(epoch from max(committed_at)) * 1000 as last,
       percentile_cont(0.5) within group (order by extract(epoch from committed_at - sent_at) * 1000) as p50,
       percentile_cont(0.99) within group (order by extract(epoch from committed_at - sent_at) * 1000) as p99,
       count(*)::int as n
     from ${table} where ${where}`,
  );
  const r = rows[0];
  return {
    eventsPerSec: Math.round((r.n * 1000) / (Number(r.last) - started)),
    p50Ms: Math.round(Number(r.p50)),
    p99Ms: Math.round(Number(r.p99)),
  };
}

// ---- naive baseline: @EventPattern, one transaction per message ----
let baselinePool: Pool;
const BASELINE_TOPIC = `${prefix}baseline.sms.sent`;

@Controller()
class NaiveSmsSentController {
  @EventPattern(BASELINE_TOPIC)
  async handle(
    @Payload() sms: { messageId: string; accountId: string; segments: number; sentAt: string },
  ): Promise<void> {
    const client = await baselinePool.connect();
    try {
      await client.query('begin');
      const inserted = await client.query(
        `insert into bench_baseline.charge (message_id, account_id, millicredits, sent_at) values ($1, $2, $3, $4)
         on conflict do nothing returning message_id`,
        [sms.messageId, sms.accountId, sms.segments * 1000, sms.sentAt],
      );
      if (inserted.rowCount === 1) {
        await client.query(`update bench_baseline.account set balance = balance - $2 where id = $1`, [
          sms.accountId,
          sms.segments * 1000,
        ]);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }
}

@Module({ controllers: [NaiveSmsSentController] })
class NaiveModule {}

async function main(): Promise<void> {
  const infra = await infrastructure();
  const databaseUrl = await createDatabase(infra.databaseUrl, `bench_ledger_${run}`);
  const config = readLedgerConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: infra.brokers,
    ...(infra.credentials && kafkaEnvFor(infra.credentials, 'ledger')),
    KAFKA_TOPIC_PREFIX: prefix,
    PORT: '0',
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'text',
    LEDGER_SCHEDULER_ENABLED: 'false',
    DATABASE_POOL_SIZE: '10',
  });
  const app = await startLedger(config, '127.0.0.1');
  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  baselinePool = new Pool({ connectionString: databaseUrl, max: 10 });
  await db.query(`create schema bench_baseline`);
  await db.query(
    `create table bench_baseline.account (id text primary key, balance bigint not null default 0)`,
  );
  await db.query(`create table bench_baseline.charge (message_id text primary key, account_id text not null,
    millicredits bigint not null, sent_at timestamptz not null, committed_at timestamptz not null default clock_timestamp())`);

  // The baseline is no service of the catalogue: its topic and consumer belong to the admin.
  const adminSasl = infra.credentials && saslFor(infra.credentials, KAFKA_ADMIN);
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: infra.brokers.split(','),
    sasl: adminSasl,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic: BASELINE_TOPIC, numPartitions: PARTITIONS }],
  });
  await admin.disconnect();

  const baseline: INestMicroservice = await NestFactory.createMicroservice<MicroserviceOptions>(NaiveModule, {
    transport: Transport.KAFKA,
    options: {
      client: {
        clientId: 'bench-naive',
        brokers: infra.brokers.split(','),
        sasl: adminSasl,
        logLevel: logLevel.NOTHING,
      },
      consumer: { groupId: `bench-naive-${run}` },
      subscribe: { fromBeginning: true },
    },
    logger: ['error'],
  });
  await baseline.listen();

  // Warm-up (JIT, query plans, connections) so the scenarios measure sustained ingest.
  await db.query(`insert into ledger.account (id, home_country) values ('warmup', 'IT')`);
  await produce({
    infra,
    principal: 'sms-gateway',
    topic: `${prefix}${Topics.SmsSent}`,
    count: 20_000,
    accounts: ['warmup'],
  });
  await waitForCount(db, `select count(*) from ledger.charge where account_id = 'warmup'`, 20_000, 300_000);

  const scenarios = [
    { scenario: 'hot-account', accounts: ['hot'] },
    {
      scenario: '1000-accounts',
      accounts: Array.from({ length: 1000 }, (_, i) => `acc${String(i).padStart(4, '0')}`),
    },
  ];
  const results: ScenarioResult[] = [];
  const only = argv.includes('--scenario') ? argv[argv.indexOf('--scenario') + 1] : undefined;
  for (const { scenario, accounts } of scenarios.filter((s) => only === undefined || s.scenario === only)) {
    const ids = accounts.map((id) => `${scenario}-${id}`);
    await db.query(
      `insert into ledger.account (id, home_country) select x, 'IT' from jsonb_array_elements_text($1::jsonb) x`,
      [JSON.stringify(ids)],
    );
    await db.query(
      `insert into bench_baseline.account (id) select x from jsonb_array_elements_text($1::jsonb) x`,
      [JSON.stringify(ids)],
    );
    const idList = `account_id in (select jsonb_array_elements_text('${JSON.stringify(ids)}'::jsonb))`;

    process.stdout.write(`${scenario}: producing ${EVENTS} sms.sent to the ledger…\n`);
    const ledgerProduced = await produce({
      infra,
      principal: 'sms-gateway',
      topic: `${prefix}${Topics.SmsSent}`,
      count: EVENTS,
      accounts: ids,
    });
    await waitForCount(db, `select count(*) from ledger.charge where ${idList}`, EVENTS, 600_000);
    const ledger = await measure(db, 'ledger.charge', idList, ledgerProduced.started);

    process.stdout.write(
      `${scenario}: producing ${BASELINE_EVENTS} sms.sent to the naive @EventPattern consumer…\n`,
    );
    const baselineProduced = await produce({
      infra,
      principal: KAFKA_ADMIN,
      topic: BASELINE_TOPIC,
      count: BASELINE_EVENTS,
      accounts: ids,
    });
    await waitForCount(
      db,
      `select count(*) from bench_baseline.charge where ${idList}`,
      BASELINE_EVENTS,
      900_000,
    );
    const naive = await measure(db, 'bench_baseline.charge', idList, baselineProduced.started);

    results.push({
      scenario,
      events: EVENTS,
      eventsPerSec: ledger.eventsPerSec,
      p50Ms: ledger.p50Ms,
      p99Ms: ledger.p99Ms,
      baselineEvents: BASELINE_EVENTS,
      baselineEventsPerSec: naive.eventsPerSec,
      baselineExtrapolated: BASELINE_EVENTS !== EVENTS,
      producedPerSec: Math.round((EVENTS * 1000) / (ledgerProduced.finished - ledgerProduced.started)),
      speedup: Math.round((ledger.eventsPerSec / naive.eventsPerSec) * 10) / 10,
    });
  }

  process.stdout.write('\n');
  console.table(results);
  if (BASELINE_EVENTS !== EVENTS) {
    process.stdout.write(
      `baseline measured on ${BASELINE_EVENTS} events per scenario; its rate is compared as a rate (extrapolated to ${EVENTS}).\n`,
    );
  }
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(__dirname, 'results', 'ledger.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`,
  );
  await baseline.close();
  await app.close();
  await db.end();
  await baselinePool.end();
  await dropDatabase(infra.databaseUrl);
}

void main()
  .then(() => 0)
  .catch((error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  })
  .then(async (code) => {
    await stopInfrastructure().catch((error: unknown) =>
      process.stderr.write(`could not stop the bench's servers: ${String(error)}\n`),
    );
    process.exit(code);
  });
