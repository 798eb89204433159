import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@sms/auth';
import { createTestDatabase, freePort, testInfrastructure, createTestTopicPrefix } from '@sms/testing';
import { type IdentityProcess, startIdentityProcess } from '../../../apps/identity/test/identity-process';
import type { AppName } from '../../../tools/demo/app-process';
import { Platform } from '../../../tools/demo/platform';
import { fetchDevToken } from '../../../tools/dev-token';
import { type KafkaCredentials, SmtpCapture } from '@sms/infra';
import { buildConsoleWeb, ConsoleProcess } from './console-process';

export interface ConsoleStack {
  platform: Platform;
  identity: IdentityProcess;
  kafkaBrokers: string;
  kafkaCredentials: KafkaCredentials;
  topicPrefix: string;
  console: ConsoleProcess;
  stop(): Promise<void>;
}

// The whole system for the browser: identity, ledger, billing and notifier as processes on the test
// run's PostgreSQL and Kafka, and the console in front of them serving a fresh build of the app.
// Identity is the issuer everything trusts: people sign in on its sign-in form, and the console's
// development sign-in (other roles, quickly) gets its tokens from identity's development route.
export async function startConsoleStack(label: string): Promise<ConsoleStack> {
  const { kafkaBrokers, kafkaCredentials } = testInfrastructure();
  const topicPrefix = await createTestTopicPrefix(label);
  const webDir = mkdtempSync(join(tmpdir(), 'console-web-'));
  const smtp = await SmtpCapture.start({ port: 0 });
  const databases = await Promise.all(
    (['ledger', 'billing', 'notifier', 'console', 'identity'] as const).map((app) =>
      createTestDatabase(`${label}_${app}`),
    ),
  );
  const ports: Record<AppName, number> = {
    ledger: await freePort(),
    billing: await freePort(),
    notifier: await freePort(),
  };
  const consolePort = await freePort();
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  let platform: Platform | undefined;
  let identity: IdentityProcess | undefined;
  const consoleProcess = new ConsoleProcess(consolePort, {
    NODE_ENV: 'development',
    DATABASE_URL: databases[3],
    CONSOLE_PUBLIC_URL: consoleUrl,
    LEDGER_URL: `http://127.0.0.1:${ports.ledger}`,
    BILLING_URL: `http://127.0.0.1:${ports.billing}`,
    NOTIFIER_URL: `http://127.0.0.1:${ports.notifier}`,
    CONSOLE_DEV_SIGN_IN: 'true',
    CONSOLE_WEB_DIR: webDir,
    LOG_LEVEL: 'warn',
  });
  const stop = async () => {
    await consoleProcess.stop();
    await platform?.stop();
    await identity?.stop();
    await smtp.stop();
    rmSync(webDir, { recursive: true, force: true });
  };
  try {
    // One after the other: on a busy machine the build and four starting processes together can
    // starve each other past their start-up time.
    await buildConsoleWeb(webDir);
    identity = await startIdentityProcess({
      databaseUrl: databases[4],
      topicPrefix,
      extraEnv: { NODE_ENV: 'development', CONSOLE_REDIRECT_URIS: `${consoleUrl}/auth/callback` },
    });
    const issuerUrl = identity.url;
    platform = await Platform.start({
      kafkaBrokers,
      kafkaCredentials,
      topicPrefix,
      smtpUrl: smtp.url,
      issuer: { env: () => ({ AUTH_ISSUER_URL: issuerUrl }) },
      // Four apps compile on the fly at once on a machine others share.
      readyTimeoutMs: 300_000,
      databaseUrls: { ledger: databases[0], billing: databases[1], notifier: databases[2] },
      ports,
      extraEnv: {
        // Start-up lines at log level, so an app that is not ready in time says where it stopped.
        ledger: { LOG_LEVEL: 'log', LOG_FORMAT: 'text' },
        billing: { BILLING_JOBS_INTERVAL_MS: '0' },
        notifier: {
          REMINDER_INTERVAL_MS: '0',
          DELIVERY_POLL_INTERVAL_MS: '200',
          LOG_LEVEL: 'log',
          LOG_FORMAT: 'text',
        },
      },
    });
    consoleProcess.setEnv({ AUTH_ISSUER_URL: issuerUrl, IDENTITY_URL: issuerUrl });
    consoleProcess.start();
    await consoleProcess.waitUntilReady();
  } catch (error) {
    process.stderr.write(`console:\n${consoleProcess.tail()}\n`);
    await stop();
    throw error;
  }
  return {
    platform,
    identity,
    kafkaBrokers,
    kafkaCredentials,
    topicPrefix,
    console: consoleProcess,
    stop,
  };
}

// An account ready to buy: it exists in the ledger with a home country and time zone, has a billing
// profile in EUR and notification settings.
export async function openAccount(stack: ConsoleStack, accountId: string): Promise<void> {
  const { platform } = stack;
  const owner = await tokenFor(stack, accountId, 'owner');
  const operator = await tokenFor(stack, 'platform', 'operator');
  await platform.api('ledger', operator).post('/accounts', {
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

// A person who signs in on identity's own form: the account's first owner, with a password.
export async function createOwner(
  stack: ConsoleStack,
  accountId: string,
): Promise<{ email: string; password: string }> {
  const owner = { email: `ann.${accountId}@shop.example`, password: `pw-${randomBytes(12).toString('hex')}` };
  const response = await fetch(`${stack.identity.url}/accounts/${accountId}/owner`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenFor(stack, 'platform', 'operator')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ ...owner, name: 'Ann Owner' }),
  });
  if (response.status !== 201) {
    throw new Error(`identity refused the owner (${response.status}): ${await response.text()}`);
  }
  return owner;
}

// A token from identity's development route, with the subject the console's development sign-in uses.
export function tokenFor(stack: ConsoleStack, accountId: string, role: Role): Promise<string> {
  return fetchDevToken({
    issuerUrl: stack.identity.url,
    accountId,
    role,
    subject: `${role}.${accountId}@dev.example`,
    expiresInSeconds: 12 * 3600,
  });
}
