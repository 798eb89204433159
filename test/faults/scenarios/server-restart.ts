import { Topics } from '@sms/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ApiClient } from '../../../tools/demo/api-client';
import { AppName, AppProcess } from '../../../tools/demo/app-process';
import { topicSnapshot } from '../../../tools/demo/topic-snapshot';
import { OwnServers, ServerName } from '../own-servers';
import {
  adminSasl,
  asRecords,
  type Infra,
  prepareLedger,
  publishPaced,
  RawProducer,
  ScenarioLog,
  startAppWithDatabase,
  topicPrefix,
  traffic,
  verifyLedger,
} from '../support';

const CREDITS_EACH = 1_000_000;
const TITLES: Record<ServerName, string> = { kafka: 'Kafka broker', postgres: 'PostgreSQL' };

export interface ServerRestartOptions {
  messages: number;
  accounts: number;
  ratePerSecond: number;
  // When, after publishing began, the server is stopped; and for how long it stays down.
  stopAfterSeconds: number;
  downSeconds: number;
}

// Stops one of the scenario's own servers (Kafka or PostgreSQL) in the middle of a stream of
// sms.sent, starts it again on the same data and ports after a while, and checks that the apps
// kept running (same processes) and recovered by themselves, and that every message was charged
// exactly once with nothing dead-lettered.
export async function serverRestart(server: ServerName, options: ServerRestartOptions): Promise<ScenarioLog> {
  const title = TITLES[server];
  const log = new ScenarioLog(`${title} stopped and restarted mid-stream`);
  const { servers, seconds } = await OwnServers.start(`${server}-restart`);
  const infra = servers.infra;
  log.did(
    `own PostgreSQL on :${servers.postgres.port} and Kafka on :${servers.kafka.port} under ${servers.root}, started in ${seconds.toFixed(1)} s (shared dev servers untouched)`,
  );
  const prefix = topicPrefix(`${server}-restart`);
  const appLogs = new AppLogCounter();
  const apps: Partial<Record<AppName, AppProcess>> = {};
  let producer: RawProducer | undefined;
  const watch = new ReadinessWatch();
  try {
    const created = await servers.createTopics(prefix, ['ledger', 'notifier']);
    log.did(`${created.topics} topics created under ${prefix} in ${created.seconds.toFixed(1)} s`);
    const booted = Date.now();
    const [ledger, notifier] = await Promise.all([
      startAppWithDatabase({
        name: 'ledger',
        infra,
        topicPrefix: prefix,
        label: `${server}_restart`,
        onLine: appLogs.collect,
      }),
      startAppWithDatabase({
        name: 'notifier',
        infra,
        topicPrefix: prefix,
        label: `${server}_restart`,
        onLine: appLogs.collect,
        env: { REMINDER_INTERVAL_MS: '0', DELIVERY_POLL_INTERVAL_MS: '500' },
      }),
    ]);
    apps.ledger = ledger.app;
    apps.notifier = notifier.app;
    const pids = { ledger: ledger.app.pid, notifier: notifier.app.pid };
    log.did(
      `ledger (pid ${pids.ledger}) and notifier (pid ${pids.notifier}) ready in ${((Date.now() - booted) / 1000).toFixed(1)} s`,
    );
    producer = new RawProducer(infra, prefix);
    await producer.connect();
    const accounts = Array.from({ length: options.accounts }, (_, i) => `acc_${server}_${i + 1}`);
    const api = await prepareLedger({ ledger: ledger.app, producer, accounts, creditsEach: CREDITS_EACH });
    log.did(`${accounts.length} accounts granted ${CREDITS_EACH.toLocaleString('en-US')} credits each`);
    const t = traffic({ accounts, count: options.messages, campaignId: `${server}-restart`, seed: 23 });
    const records = asRecords(t.events);
    watch.start([ledger.app, notifier.app]);
    log.did(
      `publishing ${records.length.toLocaleString('en-US')} sms.sent over ${accounts.length} accounts at ~${options.ratePerSecond.toLocaleString('en-US')}/s; ${title} stops after ${options.stopAfterSeconds} s for ${options.downSeconds} s`,
    );
    let published = 0;
    const streamStarted = Date.now();
    const publishing = publishPaced({
      producer,
      records,
      ratePerSecond: options.ratePerSecond,
      onProgress: (sent) => (published = sent),
    }).then(() => Date.now());
    const outage = bounce({
      servers,
      server,
      log,
      api,
      accounts,
      total: records.length,
      stopAfterMs: options.stopAfterSeconds * 1000,
      downMs: options.downSeconds * 1000,
      published: () => published,
    });
    const [publishedAt, window] = await Promise.all([publishing, outage]);
    log.did(
      `all ${records.length.toLocaleString('en-US')} events published in ${((publishedAt - streamStarted) / 1000).toFixed(1)} s; the producer saw ${producer.failedAttempts} failed sends and resent ${producer.resentBatches} batches (longest send ${(producer.longestSendMs / 1000).toFixed(1)} s)`,
    );
    await verifyLedger({ log, api, creditsEach: CREDITS_EACH, traffic: t, timeoutMs: 120_000 });
    watch.stop();

    for (const app of [ledger.app, notifier.app]) {
      const down = watch.notReady(app.name);
      const back = watch.readyAgainAfter(app.name, window.back);
      log.did(
        `${app.name}: not ready for ${(down.totalMs / 1000).toFixed(1)} s in ${down.spells} spell(s); ready again ${back === undefined ? 'never' : `${(Math.max(0, back - window.back) / 1000).toFixed(1)} s`} after ${title} was back`,
      );
      const readiness = await readinessOf(app);
      log.check(
        `${app.name} kept running and recovered by itself (same pid ${pids[app.name as 'ledger' | 'notifier']}, ready now)`,
        app.running && app.pid === pids[app.name as 'ledger' | 'notifier'] && readiness.ready,
      );
      if (!readiness.ready) {
        log.did(`  ${app.name} /health/ready answers: ${readiness.body}`);
      }
      for (const line of appLogs.crashes(app.name).slice(0, 8)) {
        log.did(`  ${app.name} log: ${line}`);
      }
    }
    // A consumer with no traffic rejoins at its own pace (retry backoff); give every group up to a
    // minute to have a member again, and report how long that took.
    const groupsSince = Date.now();
    let groups = await consumerGroups(infra, prefix);
    let idle = groups.filter((g) => g.members === 0);
    while (idle.length > 0 && Date.now() - groupsSince < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      groups = await consumerGroups(infra, prefix);
      idle = groups.filter((g) => g.members === 0);
    }
    log.did(
      `${groups.length} consumer groups of the apps on the broker; ${idle.length} without a member${idle.length > 0 ? `: ${idle.map((g) => `${g.groupId.slice(prefix.length)} (${g.state})`).join(', ')}` : ''} (checked for ${((Date.now() - groupsSince) / 1000).toFixed(1)} s)`,
    );
    log.check(
      'every consumer of both apps is back in its group (no consumer left dead)',
      groups.length > 0 && idle.length === 0,
    );
    const dead = await topicSnapshot({
      brokers: infra.kafkaBrokers,
      sasl: adminSasl(infra),
      topic: `${prefix}ledger.${Topics.SmsSent}.dlq`,
    });
    log.check(`nothing on the ledger's sms.sent dead-letter topic (${dead.length})`, dead.length === 0);
    if (dead.length > 0) {
      for (const record of dead.slice(0, 5)) {
        log.did(`  dead letter: ${record.headers['dlq-reason'] ?? '(no reason)'}`);
      }
    }
    const outbox = await unpublishedOutbox(ledger.databaseUrl);
    log.check(
      `ledger outbox drained: ${outbox.unpublished} of ${outbox.total} rows unpublished`,
      outbox.unpublished === 0,
    );
    if (server === 'kafka') {
      log.check(
        'the producer had sends fail during the outage and resent them',
        producer.failedAttempts > 0 && producer.resentBatches > 0,
      );
    }
    log.did(
      `app logs: ledger ${appLogs.count('ledger', 'transient')} transient-retry warnings, ${appLogs.count('ledger', 'error')} error lines; notifier ${appLogs.count('notifier', 'error')} error lines`,
    );
  } finally {
    watch.stop();
    if (!log.passed) {
      for (const app of Object.values(apps)) {
        process.stdout.write(`  last lines of the ${app.name}'s log:\n${app.tail(25)}\n`);
      }
    }
    await producer?.close().catch(() => undefined);
    await Promise.all(Object.values(apps).map((app) => app.stop()));
    await servers
      .dispose()
      .catch((error: unknown) => log.did(`cleaning up the servers failed: ${String(error)}`));
    log.did(`own servers stopped, ${servers.root} removed`);
  }
  return log;
}

// Stops the server once the stream is under way, starts it again after the down time, and measures
// how long charging took to move again.
async function bounce(options: {
  servers: OwnServers;
  server: ServerName;
  log: ScenarioLog;
  api: ApiClient;
  accounts: string[];
  total: number;
  stopAfterMs: number;
  downMs: number;
  published: () => number;
}): Promise<{ stopped: number; back: number }> {
  const { log, server } = options;
  const title = TITLES[server];
  await sleep(options.stopAfterMs);
  const chargedBefore = await chargedCount(options.api, options.accounts);
  const stopping = Date.now();
  const publishedBefore = options.published();
  await options.servers.stopServer(server);
  const stopped = Date.now();
  log.did(
    `${title} stopped after ${publishedBefore.toLocaleString('en-US')} events were published and ${chargedBefore?.toLocaleString('en-US')} charged (stop took ${((stopped - stopping) / 1000).toFixed(1)} s)`,
  );
  await sleep(options.downMs);
  const starting = Date.now();
  await options.servers.startServer(server);
  const back = Date.now();
  log.did(
    `${title} started again on the same data directory and ports: down ${((back - stopped) / 1000).toFixed(1)} s in all (start took ${((back - starting) / 1000).toFixed(1)} s); ${options.published().toLocaleString('en-US')} events published by then`,
  );
  // Charging has recovered when the count of charged messages moves past what it was once the
  // server was back (or everything is charged already).
  let baseline: number | undefined;
  const deadline = back + 120_000;
  for (;;) {
    const charged = await chargedCount(options.api, options.accounts);
    if (charged !== undefined) {
      baseline ??= charged;
      if (charged > baseline || charged >= options.total) {
        log.did(
          `charging resumed ${((Date.now() - back) / 1000).toFixed(1)} s after ${title} was back (${charged.toLocaleString('en-US')} charged)`,
        );
        break;
      }
    }
    if (Date.now() > deadline) {
      log.did(`charging did not resume within 120 s after ${title} was back`);
      break;
    }
    await sleep(250);
  }
  return { stopped, back };
}

async function chargedCount(api: ApiClient, accounts: string[]): Promise<number | undefined> {
  try {
    let sum = 0;
    for (const id of accounts) {
      sum += (await api.get<{ total: number }>(`/accounts/${id}/usage?limit=1`)).total;
    }
    return sum;
  } catch {
    return undefined;
  }
}

// The apps' consumer groups (named <prefix><service>.<topic>) with their state and member count.
async function consumerGroups(
  infra: Infra,
  prefix: string,
): Promise<{ groupId: string; state: string; members: number }[]> {
  const admin = new Kafka({
    clientId: 'fault-tests-groups',
    brokers: [infra.kafkaBrokers],
    sasl: adminSasl(infra),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const ids = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((id) => id.startsWith(prefix))
      .sort();
    const { groups } = await admin.describeGroups(ids);
    return groups.map((g) => ({ groupId: g.groupId, state: g.state, members: g.members.length }));
  } finally {
    await admin.disconnect();
  }
}

async function unpublishedOutbox(databaseUrl: string): Promise<{ total: number; unpublished: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ total: string; unpublished: string }>(
      'select count(*) as total, count(*) filter (where published_at is null) as unpublished from ledger.outbox',
    );
    return { total: Number(rows[0].total), unpublished: Number(rows[0].unpublished) };
  } finally {
    await client.end();
  }
}

async function isReady(app: AppProcess): Promise<boolean> {
  try {
    return (await fetch(`${app.url}/health/ready`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

async function readinessOf(app: AppProcess): Promise<{ ready: boolean; body: string }> {
  try {
    const response = await fetch(`${app.url}/health/ready`, { signal: AbortSignal.timeout(5_000) });
    return { ready: response.ok, body: `${response.status} ${(await response.text()).slice(0, 400)}` };
  } catch (error) {
    return { ready: false, body: String(error) };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

// Samples each app's readiness twice a second, to tell for how long it was not ready and when it
// was ready again.
class ReadinessWatch {
  private readonly samples = new Map<string, { at: number; ready: boolean }[]>();
  private running = false;
  private loop: Promise<void> | undefined;

  start(apps: AppProcess[]): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await Promise.all(
          apps.map(async (app) => {
            const at = Date.now();
            const ready = await isReady(app);
            const list = this.samples.get(app.name) ?? [];
            list.push({ at, ready });
            this.samples.set(app.name, list);
          }),
        );
        await sleep(500);
      }
    })();
  }

  stop(): void {
    this.running = false;
  }

  notReady(app: string): { totalMs: number; spells: number } {
    const list = this.samples.get(app) ?? [];
    let totalMs = 0;
    let spells = 0;
    for (let i = 0; i < list.length; i += 1) {
      if (!list[i].ready) {
        totalMs += (list[i + 1]?.at ?? list[i].at) - list[i].at;
        spells += i === 0 || list[i - 1].ready ? 1 : 0;
      }
    }
    return { totalMs, spells };
  }

  // The first moment, at or after `since`, from which the app answered ready and stayed so.
  readyAgainAfter(app: string, since: number): number | undefined {
    const after = (this.samples.get(app) ?? []).filter((sample) => sample.at >= since);
    const lastDown = after.map((sample) => sample.ready).lastIndexOf(false);
    return lastDown === -1 ? since : after[lastDown + 1]?.at;
  }
}

// Counts the apps' warning and error lines (JSON logs) as they come.
class AppLogCounter {
  private readonly counts = new Map<string, number>();

  private readonly crashLines = new Map<string, string[]>();

  readonly collect = (app: AppName, line: string): void => {
    if (/consumer crashed/.test(line)) {
      const list = this.crashLines.get(app) ?? [];
      list.push(line.slice(0, 400));
      this.crashLines.set(app, list);
    }
    if (/transient failure, retrying batch/.test(line)) {
      this.bump(app, 'transient');
    }
    if (/"level":\s*"(error|fatal)"|"level":\s*50|"level":\s*60/.test(line)) {
      this.bump(app, 'error');
    }
  };

  // The apps' "consumer crashed" lines, as logged.
  crashes(app: AppName): string[] {
    return this.crashLines.get(app) ?? [];
  }

  count(app: AppName, kind: 'transient' | 'error'): number {
    return this.counts.get(`${app}:${kind}`) ?? 0;
  }

  private bump(app: AppName, kind: string): void {
    this.counts.set(`${app}:${kind}`, (this.counts.get(`${app}:${kind}`) ?? 0) + 1);
  }
}
