/* Usage-export benchmark: the ledger's memory and its sms.sent consumer while a big usage export runs.
   Run: npm run bench:export [-- --rows 500000 --rate 2000 --formats csv,xlsx]
   Uses DATABASE_URL / KAFKA_BROKERS when set, otherwise starts PostgreSQL and Kafka from libs/infra. */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Client, Pool } from 'pg';
import { Topics } from '@sms/contracts';
import { freePort, TestIssuer } from '@sms/testing';
import { createDatabase, kafkaEnvFor, saslFor } from '@sms/infra';
import { type BenchInfra, BenchServers } from './support/bench-infra';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const ROWS = Number(option('rows', '500000'));
// sms.sent per second produced while the export runs (a busy gateway on this shared machine).
const RATE = Number(option('rate', '2000'));
const FORMATS = option('formats', 'csv,xlsx').split(',') as ('csv' | 'xlsx')[];
const run = randomBytes(3).toString('hex');
const prefix = `benchexp${run}.`;
const ROOT = join(__dirname, '..');

const servers = new BenchServers(`export-${run}`);
const infrastructure = (): Promise<BenchInfra> => servers.start(prefix);
const stopInfrastructure = (): Promise<void> => servers.stop();

// The ledger runs as its own process from the compiled build (`npm run build`, which the bench script
// runs first), as in production, so its memory is neither mixed with the bench's nor with a compiler's.
function startLedgerProcess(env: Record<string, string>): ChildProcess {
  const main = join(ROOT, 'dist/apps/ledger/src/main.js');
  if (!existsSync(main)) {
    throw new Error(`${main} is missing: run npm run build first`);
  }
  return spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

// Resident set size of a process in MB, from /proc (Linux).
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? NaN : Number(match[1]) / 1024;
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function httpGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

// Downloads the export as fast as the client can read, counting bytes and lines without keeping them.
function download(
  url: string,
  token: string,
): Promise<{ bytes: number; lines: number; ms: number; status: number }> {
  const begun = Date.now();
  return new Promise((resolve, reject) => {
    get(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
          lines++;
        }
      });
      res.on('end', () => resolve({ bytes, lines, ms: Date.now() - begun, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function idle(ms: number): Promise<{ bytes: number; lines: number; ms: number; status: number }> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { bytes: 0, lines: 0, ms, status: 200 };
}

// Produces sms.sent at a steady rate until stopped; sentAt is stamped at produce time, so
// committed_at − sent_at of each charge is how far the consumer was behind.
function chargeSteadily(producer: Producer, accountId: string, tag: string): { stop: () => Promise<number> } {
  let sent = 0;
  let stopped = false;
  const tick = 100;
  const perTick = Math.max(1, Math.round((RATE * tick) / 1000));
  const loop = (async () => {
    while (!stopped) {
      const next = Date.now() + tick;
      const sentAt = new Date().toISOString();
      await producer.send({
        topic: `${prefix}${Topics.SmsSent}`,
        messages: Array.from({ length: perTick }, () => {
          sent++;
          return {
            key: accountId,
            value: JSON.stringify({
              schemaVersion: 1,
              messageId: `${tag}:${sent}`,
              accountId,
              to: '+393471234567',
              segments: 1,
              sentAt,
            }),
          };
        }),
      });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return sent;
    },
  };
}

interface Result {
  format: string;
  rows: number;
  exportSeconds: number;
  megabytes: number;
  baselineRssMb: number;
  peakRssMb: number;
  rssGrowthMb: number;
  smsCharged: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  maxConsumerLagMessages: number;
}

async function main(): Promise<void> {
  const infra = await infrastructure();
  const databaseUrl = await createDatabase(infra.adminUrl, `bench_export_${run}`);
  const port = await freePort();
  // Tokens for the bench come from an issuer of its own, which the ledger trusts for this run.
  const issuer = await TestIssuer.start();
  const ledger = startLedgerProcess({
    ...issuer.env(),
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: infra.brokers,
    ...(infra.credentials && kafkaEnvFor(infra.credentials, 'ledger')),
    KAFKA_TOPIC_PREFIX: prefix,
    LOG_LEVEL: 'error',
    LEDGER_SCHEDULER_ENABLED: 'false',
  });
  const pid = ledger.pid as number;
  const base = `http://127.0.0.1:${port}`;
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  // The producer plays the SMS gateway, with the gateway's own Kafka principal.
  const kafka = new Kafka({
    sasl: infra.credentials && saslFor(infra.credentials, 'sms-gateway'),
    clientId: 'bench-export',
    brokers: infra.brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  try {
    await waitUntil(
      'the ledger to be ready',
      async () => (await httpGet(`${base}/health/ready`)).status === 200,
    );
    await producer.connect();
    const token = issuer.token({ subject: 'bench', accountId: 'ops', role: 'operator' });

    process.stdout.write(`seeding ${ROWS} charges for the exported account…\n`);
    await db.query(
      `insert into ledger.account (id, home_country) values ('exported', 'IT'), ('charging', 'IT')`,
    );
    await db.query(
      `insert into ledger.charge (message_id, account_id, list_id, campaign_id, to_number, country, segments,
         rate_millicredits, millicredits, sent_at)
       select 'exported:' || i, 'exported', 'list_' || (i % 10), 'campaign_' || (i % 50),
         '+39347' || lpad(i::text, 7, '0'), 'IT', 1 + i % 3, 1000, (1 + i % 3) * 1000,
         timestamptz '2026-01-01' + i * interval '1 second'
       from generate_series(1, $1) as i`,
      [ROWS],
    );
    await db.query('analyze ledger.charge');

    // Warm-up: the consumer and the export path run once before anything is measured.
    const warm = chargeSteadily(producer, 'charging', 'warmup');
    await download(`${base}/accounts/exported/usage/export.csv?to=2026-01-01T01:00:00Z`, token);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const warmSent = await warm.stop();
    await waitUntil('the warm-up charges', async () => (await charged(db, 'warmup')) >= warmSent);

    const results: Result[] = [];
    // 'none' charges for a while without an export: the lag this machine shows anyway, to compare with.
    for (const format of ['none', ...FORMATS] as const) {
      let baselineRssMb = 0;
      for (let i = 0; i < 10; i++) {
        baselineRssMb = Math.max(baselineRssMb, rssMb(pid));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      let peakRssMb = baselineRssMb;
      let maxLag = 0;
      const sampler = setInterval(() => {
        peakRssMb = Math.max(peakRssMb, rssMb(pid));
      }, 50);
      const lagSampler = setInterval(() => {
        void httpGet(`${base}/metrics`).then(
          ({ body }) => {
            for (const match of body.matchAll(
              /^kafka_consumer_lag\{[^}]*topic="[^"]*sms\.sent"[^}]*\} (\d+)/gm,
            )) {
              maxLag = Math.max(maxLag, Number(match[1]));
            }
          },
          () => undefined,
        );
      }, 500);

      process.stdout.write(`${format}: exporting ${ROWS} rows while charging ${RATE} sms.sent/s…\n`);
      const charging = chargeSteadily(producer, 'charging', format);
      const exported =
        format === 'none'
          ? await idle(30_000)
          : await download(`${base}/accounts/exported/usage/export.${format}`, token);
      const sent = await charging.stop();
      await waitUntil(
        'the charges produced during the export',
        async () => (await charged(db, format)) >= sent,
      );
      clearInterval(sampler);
      clearInterval(lagSampler);
      if (exported.status !== 200) {
        throw new Error(`the ${format} export answered ${exported.status}`);
      }
      const lag = await lagStats(db, format);
      results.push({
        format,
        rows: format === 'csv' ? exported.lines - 1 : format === 'xlsx' ? ROWS : 0,
        exportSeconds: Math.round(exported.ms / 100) / 10,
        megabytes: Math.round(exported.bytes / 1e5) / 10,
        baselineRssMb: Math.round(baselineRssMb),
        peakRssMb: Math.round(peakRssMb),
        rssGrowthMb: Math.round(peakRssMb - baselineRssMb),
        smsCharged: sent,
        lagP50Ms: lag.p50,
        lagP99Ms: lag.p99,
        lagMaxMs: lag.max,
        maxConsumerLagMessages: maxLag,
      });
    }
    process.stdout.write('\n');
    console.table(results);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, 'results', 'export.json'),
      `${JSON.stringify({ measuredAt: new Date().toISOString(), rows: ROWS, ratePerSec: RATE, results }, null, 2)}\n`,
    );
  } finally {
    await producer.disconnect().catch(() => undefined);
    await db.end();
    ledger.kill('SIGTERM');
    await new Promise((resolve) => ledger.once('exit', resolve));
    await issuer.stop();
    const admin = new Client({ connectionString: infra.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists bench_export_${run} with (force)`);
    await admin.end();
  }
}

// Charges committed for the sms.sent of one phase (message ids start with its tag).
async function charged(db: Pool, tag: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `select count(*) as n from ledger.charge where account_id = 'charging' and message_id like $1 || ':%'`,
    [tag],
  );
  return Number(rows[0].n);
}

// How far behind the consumer was: commit time of each charge minus the moment it was produced.
async function lagStats(db: Pool, tag: string): Promise<{ p50: number; p99: number; max: number }> {
  const { rows } = await db.query<{ p50: number; p99: number; max: number }>(
    `select percentile_cont(0.5) within group (order by extract(epoch from committed_at - sent_at) * 1000) as p50,
       percentile_cont(0.99) within group (order by extract(epoch from committed_at - sent_at) * 1000) as p99,
       max(extract(epoch from committed_at - sent_at) * 1000) as max
     from ledger.charge where account_id = 'charging' and message_id like $1 || ':%'`,
    [tag],
  );
  return { p50: Math.round(rows[0].p50), p99: Math.round(rows[0].p99), max: Math.round(rows[0].max) };
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
