/* Scale-out scenario: ledger replicas in one consumer group share sms.sent's partitions. 1 replica, then 3,
   then a 4th added and one killed with kill -9 while events flow; totals must be exact and the journal
   check must find no difference. Run: npm run bench:scale-out [-- --events 200000 --accounts 1000]
   Uses DATABASE_URL / KAFKA_BROKERS when set, otherwise starts PostgreSQL and Kafka from libs/infra. */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { Topics } from '@sms/contracts';
import { freePort, TestIssuer } from '@sms/testing';
import { createDatabase, kafkaEnvFor } from '@sms/infra';
import { BenchServers } from './support/bench-infra';
import { ConsoleProducer, smsBatch } from './support/console-producer';
import { LedgerProcess } from './support/ledger-process';
import { say, ticker, uptime } from './support/progress';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = argv.includes('--quick');
const EVENTS = Number(option('events') ?? (QUICK ? 40_000 : 200_000));
const ACCOUNTS = Number(option('accounts') ?? 1000);
const PARTITIONS = Number(option('partitions') ?? 12);
const run = randomBytes(3).toString('hex');
const prefix = `scale${run}.`;

interface Phase {
  configuration: string;
  events: number;
  eventsPerSec: number;
  seconds: number;
  uptime: string;
}

async function main(servers: BenchServers): Promise<number> {
  const uptimeBefore = uptime();
  say(
    `scale-out: ${EVENTS} events over ${ACCOUNTS} accounts, sms.sent with ${PARTITIONS} partitions; ${uptimeBefore}`,
  );
  const infra = await servers.start(prefix);
  const databaseUrl = await createDatabase(infra.adminUrl, `bench_scale_${run}`);
  const issuer = await TestIssuer.start();
  const env = {
    ...issuer.env(),
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: infra.brokers,
    ...(infra.credentials && kafkaEnvFor(infra.credentials, 'ledger')),
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_SMS_SENT_PARTITIONS: String(PARTITIONS),
    // A killed replica's partitions move after the session timeout: the shortest the runtime allows.
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    LOG_LEVEL: 'error',
    LEDGER_SCHEDULER_ENABLED: 'false',
    DATABASE_POOL_SIZE: '5',
  };
  const replicas: LedgerProcess[] = [];
  const addReplica = async (): Promise<LedgerProcess> => {
    const name = `ledger-${replicas.length + 1}`;
    say(`starting ${name}…`);
    const replica = await LedgerProcess.start({ name, port: await freePort(), env });
    replicas.push(replica);
    say(`${name} ready (pid ${replica.pid})`);
    return replica;
  };
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await addReplica();
    const accounts = Array.from({ length: ACCOUNTS }, (_, i) => `acc${String(i).padStart(5, '0')}`);
    await db.query(`insert into ledger.account (id, home_country) select x, 'IT' from unnest($1::text[]) x`, [
      accounts,
    ]);

    const expected = new Map<string, number>();
    const phases: Phase[] = [];
    let trickled = 0;
    const batchOf = (count: number, campaignId: string): string[] => {
      const batch = smsBatch({ count, accounts, campaignId, tag: `${campaignId}-${run}` });
      for (const [account, amount] of batch.millicreditsPerAccount) {
        expected.set(account, (expected.get(account) ?? 0) + amount);
      }
      return batch.heads;
    };
    const chargedIn = async (campaignId: string): Promise<number> =>
      Number(
        (
          await db.query<{ n: string }>('select count(*) as n from ledger.charge where campaign_id = $1', [
            campaignId,
          ])
        ).rows[0].n,
      );
    // The phase's events go to Kafka at once, so the replicas always have a backlog: the rate from the
    // first produce to the last commit is what that configuration sustains.
    const runPhase = async (options: {
      configuration: string;
      count: number;
      // Runs while the phase's events are being charged, with the number charged so far.
      during?: (charged: () => Promise<number>) => Promise<void>;
      // Runs on the phase's producer before the measured events are sent.
      before?: (producer: ConsoleProducer) => Promise<void>;
    }): Promise<void> => {
      const campaignId = `phase${phases.length + 1}`;
      const heads = batchOf(options.count, campaignId);
      const producer = await ConsoleProducer.start({
        infra,
        principal: 'sms-gateway',
        topic: `${prefix}${Topics.SmsSent}`,
        run,
      });
      await options.before?.(producer);
      let now = 0;
      const stop = ticker(options.configuration, () => `${now}/${options.count} charged`);
      const started = Date.now();
      const sending = producer.sendAll(heads).then(() => producer.close());
      await options.during?.(() => chargedIn(campaignId));
      await sending;
      while ((now = await chargedIn(campaignId)) < options.count) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      stop();
      const { rows } = await db.query<{ last: string }>(
        `select extract(epoch from max(committed_at)) * 1000 as last from ledger.charge where campaign_id = $1`,
        [campaignId],
      );
      const seconds = (Number(rows[0].last) - started) / 1000;
      const phase = {
        configuration: options.configuration,
        events: options.count,
        eventsPerSec: Math.round(options.count / seconds),
        seconds: Math.round(seconds * 10) / 10,
        uptime: uptime(),
      };
      say(`${options.configuration}: ${phase.eventsPerSec} events/s (${phase.seconds} s); ${phase.uptime}`);
      phases.push(phase);
    };

    const quarter = Math.floor(EVENTS / 4);
    await runPhase({ configuration: '1 replica', count: quarter });
    await addReplica();
    await addReplica();
    await runPhase({ configuration: '3 replicas', count: quarter });
    // The fourth replica joins while events flow: until it is ready, the gateway keeps sending at
    // 1,000/s (these events are charged and checked too, but not timed). Then the phase's events go at
    // once and one of the first replicas is killed with kill -9 once 40% of them are charged.
    let killedAt = -1;
    await runPhase({
      configuration: '4 replicas, one killed with kill -9',
      count: EVENTS - 2 * quarter,
      before: async (producer) => {
        const joining = addReplica();
        let ready = false;
        void joining.then(
          () => (ready = true),
          () => undefined,
        );
        const trickle = batchOf(Math.max(1000, quarter), 'joining');
        while (!ready && trickled < trickle.length) {
          await producer.send(trickle.slice(trickled, trickled + 100));
          trickled += 100;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await joining;
        say(`ledger-4 joined with ${trickled} events sent while it started`);
        // What was not sent while it started is not owed: take it out of the expected totals.
        for (const head of trickle.slice(trickled)) {
          const account = head.slice(0, head.indexOf('\t'));
          const segments = Number(/"segments":(\d+)/.exec(head)![1]);
          expected.set(account, expected.get(account)! - segments * 1000);
        }
      },
      during: async (charged) => {
        const victim = replicas[1];
        while ((killedAt = await charged()) < 0.4 * (EVENTS - 2 * quarter)) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        say(`kill -9 ${victim.name} (pid ${victim.pid}) with ${killedAt} of the phase's events charged`);
        await victim.kill();
      },
    });
    const sent = EVENTS + trickled;
    while ((await chargedIn('joining')) < trickled) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Totals: every message charged once, every balance exactly what its messages cost.
    const { rows: totals } = await db.query<{ n: string; distinct: string }>(
      `select count(*) as n, count(distinct (account_id, message_id)) as distinct from ledger.charge where campaign_id like 'phase%' or campaign_id = 'joining'`,
    );
    const { rows: balances } = await db.query<{ id: string; balance: string }>(
      `select id, balance_millicredits as balance from ledger.account where id = any($1)`,
      [accounts],
    );
    const wrong = balances.filter((b) => Number(b.balance) !== -(expected.get(b.id) ?? 0));
    const live = replicas.find((r) => r.alive)!;
    const check = await live.journalCheck(
      issuer.token({ subject: 'bench', accountId: 'ops', role: 'operator' }),
    );
    const exact = Number(totals[0].n) === sent && Number(totals[0].distinct) === sent && wrong.length === 0;
    const report = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, uptimeBefore, uptimeAfter: uptime() },
      options: { events: EVENTS, accounts: ACCOUNTS, partitions: PARTITIONS },
      phases,
      charges: Number(totals[0].n),
      sent,
      killedWithChargedInPhase: killedAt,
      accountsWithWrongBalance: wrong.length,
      journalCheck: { accountsChecked: check.accountsChecked, differences: check.differences.length },
      peakRssMb: replicas.map((r) => ({ replica: r.name, highWaterMb: r.alive ? r.highWaterMb() : null })),
      passed: exact && check.differences.length === 0,
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, 'results', QUICK ? 'scale-out-quick.json' : 'scale-out.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    process.stdout.write('\n| configuration | events | events/s | seconds |\n| --- | --: | --: | --: |\n');
    for (const p of phases) {
      process.stdout.write(`| ${p.configuration} | ${p.events} | ${p.eventsPerSec} | ${p.seconds} |\n`);
    }
    say(
      `charges ${report.charges}/${sent}, accounts with a wrong balance ${wrong.length}, journal differences ${check.differences.length}: ${report.passed ? 'PASSED' : 'FAILED'}`,
    );
    return report.passed ? 0 : 1;
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
    await db.end();
    await issuer.stop();
    const admin = new Client({ connectionString: infra.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists bench_scale_${run} with (force)`);
    await admin.end();
  }
}

const servers = new BenchServers(run);
void main(servers)
  .catch((error: unknown) => {
    process.stderr.write(
      `scale-out failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  })
  .then(async (code) => {
    await servers
      .stop()
      .catch((error: unknown) => process.stderr.write(`could not stop the servers: ${String(error)}\n`));
    process.exit(code);
  });
