import { startLocalInfra } from '@sms/infra';
import { hostileEvents } from './scenarios/hostile-events';
import { killLedger } from './scenarios/kill-ledger';
import { serverRestart } from './scenarios/server-restart';
import { smtpDown } from './scenarios/smtp-down';
import type { Infra, ScenarioLog } from './support';

// `npm run faults [-- scenario ...]`: fault tests against real processes, Kafka, PostgreSQL and SMTP.
// Each scenario prints what it did and what it checked; the command fails if any check fails.
// Uses the local stack's PostgreSQL and Kafka (started if needed, or DATABASE_URL / KAFKA_BROKERS),
// except kafka-restart and postgres-restart: they start, stop and remove servers of their own.

const restartMessages = Number(process.env.FAULTS_RESTART_MESSAGES ?? 60_000);

const SCENARIOS: Record<string, (infra: () => Promise<Infra>) => Promise<ScenarioLog>> = {
  'kill-ledger': async (infra) => killLedger(await infra(), { messages: 110_000, kills: 3 }),
  hostile: async (infra) =>
    hostileEvents(await infra(), {
      hostile: Number(process.env.FAULTS_HOSTILE ?? 10_000),
      good: Number(process.env.FAULTS_GOOD ?? 30_000),
    }),
  'smtp-down': async (infra) => smtpDown(await infra(), { accounts: 30, downSeconds: 8 }),
  'kafka-restart': () =>
    serverRestart('kafka', {
      messages: restartMessages,
      accounts: 6,
      ratePerSecond: 3_000,
      stopAfterSeconds: 6,
      downSeconds: 10,
    }),
  'postgres-restart': () =>
    serverRestart('postgres', {
      messages: restartMessages,
      accounts: 6,
      ratePerSecond: 3_000,
      stopAfterSeconds: 6,
      downSeconds: 10,
    }),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = wanted.filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown scenario(s) ${unknown.join(', ')}; choose from ${Object.keys(SCENARIOS).join(', ')}\n`,
    );
    process.exit(2);
  }
  // The shared servers are started (or found) only when a scenario needs them.
  let sharedInfra: Promise<Infra> | undefined;
  const shared = (): Promise<Infra> =>
    (sharedInfra ??= startLocalInfra().then((infra) => {
      const serverUrl = new URL(infra.databaseUrl.value);
      serverUrl.pathname = '/postgres';
      return {
        databaseServerUrl: serverUrl.toString(),
        kafkaBrokers: infra.kafkaBrokers.value,
        kafkaCredentials: infra.kafkaCredentials,
      };
    }));
  const results: { name: string; passed: boolean; seconds: number }[] = [];
  for (const name of wanted.length > 0 ? wanted : Object.keys(SCENARIOS)) {
    process.stdout.write(`\n▶ ${name}\n`);
    const started = Date.now();
    let passed = false;
    try {
      passed = (await SCENARIOS[name](shared)).passed;
    } catch (error) {
      process.stdout.write(
        `  ✘ scenario failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    results.push({ name, passed, seconds: (Date.now() - started) / 1000 });
  }
  process.stdout.write('\nSummary\n');
  for (const r of results) {
    process.stdout.write(`  ${r.passed ? 'PASS' : 'FAIL'}  ${r.name.padEnd(17)} ${r.seconds.toFixed(1)} s\n`);
  }
  process.exit(results.every((r) => r.passed) ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
