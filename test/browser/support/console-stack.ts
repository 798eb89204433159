import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@sms/auth';
import {
  createTestDatabase,
  freePort,
  TestIssuer,
  testInfrastructure,
  createTestTopicPrefix,
} from '@sms/testing';
import type { AppName } from '../../../tools/demo/app-process';
import { Platform } from '../../../tools/demo/platform';
import { type KafkaCredentials, SmtpCapture } from '../../../tools/infra';
import { buildConsoleWeb, ConsoleProcess } from './console-process';

export interface ConsoleStack {
  platform: Platform;
  issuer: TestIssuer;
  kafkaBrokers: string;
  kafkaCredentials: KafkaCredentials;
  topicPrefix: string;
  console: ConsoleProcess;
  stop(): Promise<void>;
}

// The whole system for the browser: ledger, billing and notifier as processes on the test run's
// PostgreSQL and Kafka, trusting a development issuer, and the console in front of them serving a
// fresh build of the app. People sign in with the console's development sign-in, whose tokens that
// issuer signs, until the platform's identity service runs in these tests.
export async function startConsoleStack(label: string): Promise<ConsoleStack> {
  const { kafkaBrokers, kafkaCredentials } = testInfrastructure();
  const topicPrefix = await createTestTopicPrefix(label);
  const webDir = mkdtempSync(join(tmpdir(), 'console-web-'));
  const [smtp, issuer] = await Promise.all([
    SmtpCapture.start({ port: 0 }),
    TestIssuer.start({ devTokenEndpoint: true }),
  ]);
  const databases = await Promise.all(
    (['ledger', 'billing', 'notifier', 'console'] as const).map((app) =>
      createTestDatabase(`${label}_${app}`),
    ),
  );
  const ports: Record<AppName, number> = {
    ledger: await freePort(),
    billing: await freePort(),
    notifier: await freePort(),
  };
  const consolePort = await freePort();
  let platform: Platform | undefined;
  const consoleProcess = new ConsoleProcess(consolePort, {
    NODE_ENV: 'development',
    DATABASE_URL: databases[3],
    CONSOLE_PUBLIC_URL: `http://127.0.0.1:${consolePort}`,
    LEDGER_URL: `http://127.0.0.1:${ports.ledger}`,
    BILLING_URL: `http://127.0.0.1:${ports.billing}`,
    NOTIFIER_URL: `http://127.0.0.1:${ports.notifier}`,
    AUTH_ISSUER_URL: issuer.url,
    CONSOLE_DEV_SIGN_IN: 'true',
    CONSOLE_WEB_DIR: webDir,
    LOG_LEVEL: 'warn',
  });
  const stop = async () => {
    await consoleProcess.stop();
    await platform?.stop();
    await smtp.stop();
    await issuer.stop();
    rmSync(webDir, { recursive: true, force: true });
  };
  try {
    // One after the other: on a busy machine the build and four starting processes together can
    // starve each other past their start-up time.
    await buildConsoleWeb(webDir);
    platform = await Platform.start({
      kafkaBrokers,
      kafkaCredentials,
      topicPrefix,
      smtpUrl: smtp.url,
      issuer,
      databaseUrls: { ledger: databases[0], billing: databases[1], notifier: databases[2] },
      ports,
      extraEnv: {
        // Start-up lines at log level, so an app that is not ready in time says where it stopped.
        ledger: { LOG_LEVEL: 'log', LOG_FORMAT: 'text' },
        billing: { BILLING_JOBS_INTERVAL_MS: '0' },
        notifier: { REMINDER_INTERVAL_MS: '0', DELIVERY_POLL_INTERVAL_MS: '200' },
      },
    });
    consoleProcess.start();
    await consoleProcess.waitUntilReady();
  } catch (error) {
    process.stderr.write(`console:\n${consoleProcess.tail()}\n`);
    await stop();
    throw error;
  }
  return { platform, issuer, kafkaBrokers, kafkaCredentials, topicPrefix, console: consoleProcess, stop };
}

// An account ready to buy: it exists in the ledger with a home country and time zone, has a billing
// profile in EUR and notification settings.
export async function openAccount(stack: ConsoleStack, accountId: string): Promise<void> {
  const { platform } = stack;
  const owner = tokenFor(stack, accountId, 'owner');
  await platform.api('ledger', platform.operatorToken()).post('/accounts', {
    id: accountId,
    homeCountry: 'IT',
    timeZone: 'Europe/Rome',
  });
  await platform.api('billing', owner).put(`/accounts/${accountId}/billing-profile`, {
    legalName: 'Acme S.r.l.',
    email: `owner.${accountId}@dev.example`,
    country: 'IT',
    currency: 'EUR',
    timeZone: 'Europe/Rome',
  });
  await platform.api('notifier', owner).put(`/accounts/${accountId}/notification-settings`, {
    recipients: { lowBalance: [`owner.${accountId}@dev.example`] },
    lowBalanceLevelsMillicredits: [1_000_000],
    dailyReminder: false,
    language: 'en',
    timeZone: 'Europe/Rome',
  });
}

export function tokenFor(stack: ConsoleStack, accountId: string, role: Role): string {
  return stack.platform.token(accountId, role, `${role}.${accountId}@dev.example`);
}
