/* Ledger benchmark: sms.sent ingest through the real ledger (a child process, as in production) against
   this machine's limit measured in the same run and against a naive NestJS @EventPattern consumer.
   Run: npm run bench:ledger [-- --quick] [-- --events N --baseline-events N --rates 1000,5000 --rate-seconds 30]
   [-- --cpu-prof DIR]
   Uses DATABASE_URL / KAFKA_BROKERS when set, otherwise starts PostgreSQL and Kafka from tools/infra. */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';
import { Topics } from '@sms/contracts';
import { freePort, TestIssuer } from '@sms/testing';
import { createDatabase, KAFKA_ADMIN, kafkaEnvFor, saslFor } from '../tools/infra';
import { BenchServers, type BenchInfra } from './support/bench-infra';
import { ConsoleProducer, smsBatch } from './support/console-producer';
import { LedgerProcess } from './support/ledger-process';
import { consumeOnly, insertOnly } from './support/machine-limit';
import { startNaiveConsumer } from './support/naive-consumer';
import { say, ticker, uptime } from './support/progress';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = argv.includes('--quick');
const EVENTS = Number(option('events') ?? (QUICK ? 20_000 : 200_000));
const BASELINE_EVENTS = Number(option('baseline-events') ?? (QUICK ? 2_000 : EVENTS));
const RATES = (option('rates') ?? (QUICK ? '1000,5000' : '1000,5000,20000')).split(',').map(Number);
const RATE_SECONDS = Number(option('rate-seconds') ?? (QUICK ? 5 : 30));
const PARTITIONS = Number(option('partitions') ?? 12);
const ONLY = option('scenario');
// A directory for a V8 CPU profile of the ledger process (summarise it with bench/cpu-profile-summary.ts).
const CPU_PROFILE_DIR = option('cpu-prof');
const run = randomBytes(3).toString('hex');
const prefix = `bench${run}.`;
const SMS_SENT = `${prefix}${Topics.SmsSent}`;

// Targets the ledger is measured against (reported, not asserted).
const TARGETS = {
  hotPctOfLimit: 75,
  spreadWithinPctOfHot: 20,
  speedupOverNaive: 30,
  p99MsAt5000: 250,
  peakRssMb: 300,
};

interface ScenarioResult {
  scenario: string;
  events: number;
  eventsPerSec: number;
  pctOfLimit: number;
  p50Ms: number;
  p99Ms: number;
  producedPerSec: number;
  peakRssMb: number;
  baselineEvents: number;
  baselineEventsPerSec: number;
  speedup: number;
  uptime: string;
}

interface PacedResult {
  offeredPerSec: number;
  seconds: number;
  events: number;
  p50Ms: number;
  p99Ms: number;
  maxBacklog: number;
  backlogAtEnd: number;
  sustained: boolean;
  peakRssMb: number;
  uptime: string;
}

const accountsOf = (scenario: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${scenario}-acc${String(i).padStart(4, '0')}`);

async function chargedCount(db: Pool, table: string, where: string): Promise<number> {
  return Number(
    (await db.query<{ n: string }>(`select count(*) as n from ${table} where ${where}`)).rows[0].n,
  );
}

async function waitForCharges(options: {
  db: Pool;
  step: string;
  table: string;
  where: string;
  target: number;
  timeoutMs: number;
}): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let count = 0;
  const stop = ticker(options.step, () => `${count}/${options.target} charged`);
  try {
    for (;;) {
      count = await chargedCount(options.db, options.table, options.where);
      if (count >= options.target) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`${options.step}: timed out at ${count}/${options.target}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    stop();
  }
}

// Rate from the first produce to the last commit; latency from each message's sentAt (stamped when its
// chunk was written) to its charge row's commit-side timestamp.
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

async function createTopic(infra: BenchInfra, topic: string): Promise<void> {
  const admin = new Kafka({
    clientId: 'bench-admin',
    brokers: infra.brokers.split(','),
    sasl: infra.credentials && saslFor(infra.credentials, KAFKA_ADMIN),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS }] });
  await admin.disconnect();
}

async function produceAll(options: {
  infra: BenchInfra;
  principal: string;
  topic: string;
  heads: string[];
  step: string;
}): Promise<{ started: number; finished: number }> {
  const producer = await ConsoleProducer.start({ ...options, run });
  const stop = ticker(options.step, () => `${producer.produced}/${options.heads.length} produced`);
  const started = Date.now();
  await producer.sendAll(options.heads);
  await producer.close();
  stop();
  return { started, finished: Date.now() };
}

async function main(servers: BenchServers): Promise<void> {
  const uptimeBefore = uptime();
  say(
    `ledger bench: ${EVENTS} events per scenario, baseline ${BASELINE_EVENTS}, paced ${RATES.join('/')} ev/s for ${RATE_SECONDS} s, sms.sent with ${PARTITIONS} partitions`,
  );
  say(`machine: ${cpus().length} CPUs; ${uptimeBefore}`);
  const infra = await servers.start(prefix);
  const databaseUrl = await createDatabase(infra.adminUrl, `bench_ledger_${run}`);
  const issuer = await TestIssuer.start();
  say('starting the ledger…');
  const ledger = await LedgerProcess.start({
    name: 'ledger',
    port: await freePort(),
    cpuProfileDir: CPU_PROFILE_DIR,
    env: {
      ...issuer.env(),
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: infra.brokers,
      ...(infra.credentials && kafkaEnvFor(infra.credentials, 'ledger')),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_SMS_SENT_PARTITIONS: String(PARTITIONS),
      LOG_LEVEL: 'error',
      LEDGER_SCHEDULER_ENABLED: 'false',
      DATABASE_POOL_SIZE: '10',
    },
  });
  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  const baselineDb = new Pool({ connectionString: databaseUrl, max: 10 });
  const baselineTopic = `${prefix}bench.baseline.sms.sent`;
  await createTopic(infra, baselineTopic);
  const naive = await startNaiveConsumer({
    infra,
    db: baselineDb,
    topic: baselineTopic,
    group: `${prefix}bench-naive`,
  });

  try {
    // Warm-up (JIT, query plans, connections) so the scenarios measure sustained ingest.
    const warmup = Math.min(20_000, EVENTS);
    await db.query(`insert into ledger.account (id, home_country) values ('warmup', 'IT')`);
    await produceAll({
      infra,
      principal: 'sms-gateway',
      topic: SMS_SENT,
      heads: smsBatch({ count: warmup, accounts: ['warmup'], campaignId: 'warmup', tag: `w${run}` }).heads,
      step: 'warm-up',
    });
    await waitForCharges({
      db,
      step: 'warm-up',
      table: 'ledger.charge',
      where: `account_id = 'warmup'`,
      target: warmup,
      timeoutMs: 600_000,
    });

    // The machine's limit, in this run: consume-only and insert-only of the same messages and rows.
    const limitTopic = `${prefix}bench.limit.sms.sent`;
    await createTopic(infra, limitTopic);
    const spread = accountsOf('limit', 1000);
    await produceAll({
      infra,
      principal: KAFKA_ADMIN,
      topic: limitTopic,
      heads: smsBatch({ count: EVENTS, accounts: spread, campaignId: 'limit', tag: `l${run}` }).heads,
      step: 'limit: producing',
    });
    const consume = await consumeOnly({
      infra,
      topic: limitTopic,
      expected: EVENTS,
      group: `${prefix}bench-limit`,
    });
    say(`consume-only: ${consume.eventsPerSec} events/s`);
    const insert = await insertOnly({ db, count: EVENTS, accounts: spread, chunk: 5000 });
    say(`insert-only: ${insert.eventsPerSec} rows/s`);
    const limit = {
      consumeOnlyPerSec: consume.eventsPerSec,
      insertOnlyPerSec: insert.eventsPerSec,
      limitPerSec: Math.min(consume.eventsPerSec, insert.eventsPerSec),
      uptime: uptime(),
    };

    const scenarios = [
      { scenario: 'hot-account', accounts: accountsOf('hot', 1) },
      { scenario: '1000-accounts', accounts: accountsOf('spread', 1000) },
    ].filter((s) => ONLY === undefined || s.scenario === ONLY);
    const results: ScenarioResult[] = [];
    for (const { scenario, accounts } of scenarios) {
      await db.query(
        `insert into ledger.account (id, home_country) select x, 'IT' from unnest($1::text[]) x`,
        [accounts],
      );
      await db.query(`insert into bench_baseline.account (id) select x from unnest($1::text[]) x`, [
        accounts,
      ]);
      const where = `campaign_id = '${scenario}'`;
      ledger.resetPeak();
      const produced = await produceAll({
        infra,
        principal: 'sms-gateway',
        topic: SMS_SENT,
        heads: smsBatch({ count: EVENTS, accounts, campaignId: scenario, tag: `s${run}` }).heads,
        step: `${scenario}: producing to the ledger`,
      });
      await waitForCharges({
        db,
        step: `${scenario}: ledger`,
        table: 'ledger.charge',
        where,
        target: EVENTS,
        timeoutMs: 900_000,
      });
      const measured = await measure(db, 'ledger.charge', where, produced.started);
      const peakRssMb = ledger.peakRssMb();
      const scenarioUptime = uptime();
      say(
        `${scenario}: ${measured.eventsPerSec} events/s, p99 ${measured.p99Ms} ms, peak RSS ${peakRssMb} MB; ${scenarioUptime}`,
      );

      const baselineHeads = smsBatch({
        count: BASELINE_EVENTS,
        accounts,
        campaignId: scenario,
        tag: `b${run}`,
      }).heads;
      const baselineProduced = await produceAll({
        infra,
        principal: KAFKA_ADMIN,
        topic: baselineTopic,
        heads: baselineHeads,
        step: `${scenario}: producing to the naive consumer`,
      });
      const baselineWhere = `account_id in (select unnest('{${accounts.join(',')}}'::text[]))`;
      await waitForCharges({
        db,
        step: `${scenario}: naive consumer`,
        table: 'bench_baseline.charge',
        where: baselineWhere,
        target: BASELINE_EVENTS,
        timeoutMs: 3_600_000,
      });
      const baseline = await measure(db, 'bench_baseline.charge', baselineWhere, baselineProduced.started);
      say(`${scenario}: naive consumer ${baseline.eventsPerSec} events/s`);
      results.push({
        scenario,
        events: EVENTS,
        eventsPerSec: measured.eventsPerSec,
        pctOfLimit: Math.round((measured.eventsPerSec / limit.limitPerSec) * 100),
        p50Ms: measured.p50Ms,
        p99Ms: measured.p99Ms,
        producedPerSec: Math.round((EVENTS * 1000) / (produced.finished - produced.started)),
        peakRssMb,
        baselineEvents: BASELINE_EVENTS,
        baselineEventsPerSec: baseline.eventsPerSec,
        speedup: Math.round((measured.eventsPerSec / baseline.eventsPerSec) * 10) / 10,
        uptime: scenarioUptime,
      });
    }

    // Latency under a steady offered load, over 1,000 accounts: the gateway sends at a fixed rate.
    const paced: PacedResult[] = [];
    const pacedAccounts = accountsOf('paced', 1000);
    await db.query(`insert into ledger.account (id, home_country) select x, 'IT' from unnest($1::text[]) x`, [
      pacedAccounts,
    ]);
    for (const rate of RATES) {
      const campaign = `paced-${rate}`;
      const where = `campaign_id = '${campaign}'`;
      const { heads } = smsBatch({
        count: rate * RATE_SECONDS,
        accounts: pacedAccounts,
        campaignId: campaign,
        tag: `p${rate}-${run}`,
      });
      const producer = await ConsoleProducer.start({ infra, principal: 'sms-gateway', topic: SMS_SENT, run });
      ledger.resetPeak();
      let backlog = 0;
      let maxBacklog = 0;
      const sampler = setInterval(() => {
        void chargedCount(db, 'ledger.charge', where).then((charged) => {
          backlog = producer.produced - charged;
          maxBacklog = Math.max(maxBacklog, backlog);
        });
      }, 1000);
      const stop = ticker(
        `paced ${rate}/s`,
        () => `${producer.produced}/${heads.length} offered, backlog ${backlog}`,
      );
      await producer.sendPaced({ heads, perSecond: rate });
      // One more second for what was just offered, then the backlog says whether the ledger kept up.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const backlogAtEnd = producer.produced - (await chargedCount(db, 'ledger.charge', where));
      clearInterval(sampler);
      stop();
      await producer.close();
      await waitForCharges({
        db,
        step: `paced ${rate}/s`,
        table: 'ledger.charge',
        where,
        target: heads.length,
        timeoutMs: 900_000,
      });
      const measured = await measure(db, 'ledger.charge', where, 0);
      const result: PacedResult = {
        offeredPerSec: rate,
        seconds: RATE_SECONDS,
        events: heads.length,
        p50Ms: measured.p50Ms,
        p99Ms: measured.p99Ms,
        maxBacklog,
        backlogAtEnd,
        // Kept up: what was offered up to one second before the end had been charged.
        sustained: backlogAtEnd <= rate,
        peakRssMb: ledger.peakRssMb(),
        uptime: uptime(),
      };
      say(
        `paced ${rate}/s: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, backlog at end ${backlogAtEnd}, ${result.sustained ? 'kept up' : 'fell behind'}; ${result.uptime}`,
      );
      paced.push(result);
    }

    const token = issuer.token({ subject: 'bench', accountId: 'ops', role: 'operator' });
    const check = await ledger.journalCheck(token);
    say(`journal check: ${check.accountsChecked} accounts, ${check.differences.length} differences`);

    const report = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, uptimeBefore, uptimeAfter: uptime() },
      options: {
        events: EVENTS,
        baselineEvents: BASELINE_EVENTS,
        rates: RATES,
        rateSeconds: RATE_SECONDS,
        partitions: PARTITIONS,
        quick: QUICK,
      },
      limit,
      results,
      paced,
      highestSustainedPerSec: Math.max(0, ...paced.filter((p) => p.sustained).map((p) => p.offeredPerSec)),
      ledgerHighWaterRssMb: ledger.highWaterMb(),
      journalCheck: { accountsChecked: check.accountsChecked, differences: check.differences.length },
      targets: targetsMet(results, paced),
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    // A quick run is for development: it leaves the recorded full-run figures alone.
    const file = QUICK ? 'ledger-quick.json' : 'ledger.json';
    writeFileSync(join(__dirname, 'results', file), `${JSON.stringify(report, null, 2)}\n`);
    const table = readmeTable(report);
    process.stdout.write(`\n${table}\n`);
    say(`written to bench/results/${file}`);
    // A full run of both scenarios is what the README shows.
    if (!QUICK && ONLY === undefined) {
      writeReadmeTable(table);
      say('README.md benchmark table updated');
    }
  } finally {
    await naive.close();
    await ledger.stop();
    await db.end();
    await baselineDb.end();
    await issuer.stop();
    const admin = new Client({ connectionString: infra.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists bench_ledger_${run} with (force)`);
    await admin.end();
  }
}

function targetsMet(results: ScenarioResult[], paced: PacedResult[]) {
  const hot = results.find((r) => r.scenario === 'hot-account');
  const spread = results.find((r) => r.scenario === '1000-accounts');
  const at5000 = paced.find((p) => p.offeredPerSec === 5000);
  return {
    hotAccountPctOfLimit: hot && {
      value: hot.pctOfLimit,
      target: TARGETS.hotPctOfLimit,
      met: hot.pctOfLimit >= TARGETS.hotPctOfLimit,
    },
    spreadPctOfHot: hot &&
      spread && {
        value: Math.round((spread.eventsPerSec / hot.eventsPerSec) * 100),
        target: 100 - TARGETS.spreadWithinPctOfHot,
        met: spread.eventsPerSec >= hot.eventsPerSec * (1 - TARGETS.spreadWithinPctOfHot / 100),
      },
    speedupOverNaive: results.map((r) => ({
      scenario: r.scenario,
      value: r.speedup,
      target: TARGETS.speedupOverNaive,
      met: r.speedup >= TARGETS.speedupOverNaive,
    })),
    p99MsAt5000: at5000 && {
      value: at5000.p99Ms,
      target: TARGETS.p99MsAt5000,
      met: at5000.p99Ms <= TARGETS.p99MsAt5000,
    },
    peakRssMb: {
      value: Math.max(...results.map((r) => r.peakRssMb), ...paced.map((p) => p.peakRssMb)),
      target: TARGETS.peakRssMb,
      met:
        Math.max(...results.map((r) => r.peakRssMb), ...paced.map((p) => p.peakRssMb)) <= TARGETS.peakRssMb,
    },
  };
}

function readmeTable(report: {
  machine: { uptimeBefore: string; uptimeAfter: string; cpus: number };
  limit: { consumeOnlyPerSec: number; insertOnlyPerSec: number; limitPerSec: number };
  results: ScenarioResult[];
  paced: PacedResult[];
  journalCheck: { differences: number };
  measuredAt: string;
}): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `Measured ${report.measuredAt.slice(0, 16)} UTC on ${report.machine.cpus} CPUs; load before: ${report.machine.uptimeBefore.replace(/.*load average: /, '')}, after: ${report.machine.uptimeAfter.replace(/.*load average: /, '')}.`,
    '',
    `Same-run limit: kafkajs consume-only ${n(report.limit.consumeOnlyPerSec)}/s, PostgreSQL insert-only ${n(report.limit.insertOnlyPerSec)}/s → limit ${n(report.limit.limitPerSec)}/s.`,
    '',
    '| scenario | events/s | % of limit | p50 ms | p99 ms | ledger peak RSS MB | naive events/s | × naive |',
    '| --- | --: | --: | --: | --: | --: | --: | --: |',
    ...report.results.map(
      (r) =>
        `| ${r.scenario} | ${n(r.eventsPerSec)} | ${r.pctOfLimit}% | ${n(r.p50Ms)} | ${n(r.p99Ms)} | ${r.peakRssMb} | ${n(r.baselineEventsPerSec)} | ${r.speedup}× |`,
    ),
    '',
    '| offered events/s (1,000 accounts) | p50 ms | p99 ms | backlog at end | kept up |',
    '| --: | --: | --: | --: | --- |',
    ...report.paced.map(
      (p) =>
        `| ${n(p.offeredPerSec)} | ${n(p.p50Ms)} | ${n(p.p99Ms)} | ${n(p.backlogAtEnd)} | ${p.sustained ? 'yes' : 'no'} |`,
    ),
    '',
    `Journal check: ${report.journalCheck.differences} differences.`,
  ];
  return lines.join('\n');
}

// Between the README's bench-table markers, so the table and the recorded JSON come from one run.
function writeReadmeTable(table: string): void {
  const file = join(__dirname, '..', 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf('<!-- bench-table:start');
  const end = readme.indexOf('<!-- bench-table:end -->');
  if (start < 0 || end < start) {
    throw new Error('README.md has no bench-table markers');
  }
  const head = readme.slice(0, readme.indexOf('\n', start) + 1);
  writeFileSync(file, `${head}\n${table}\n\n${readme.slice(end)}`);
}

const servers = new BenchServers(run);
void main(servers)
  .then(() => 0)
  .catch((error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  })
  .then(async (code) => {
    await servers
      .stop()
      .catch((error: unknown) =>
        process.stderr.write(`could not stop the bench's servers: ${String(error)}\n`),
      );
    process.exit(code);
  });
