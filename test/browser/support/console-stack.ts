import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, freePort, TEST_JWT_SECRET } from '@sms/testing';
import type { Role } from '@sms/auth';
import { startE2ePlatform, type E2ePlatform } from '../../e2e/support/e2e-platform';
import { buildConsoleWeb, ConsoleProcess } from './console-process';

export interface ConsoleStack {
  env: E2ePlatform;
  console: ConsoleProcess;
  stop(): Promise<void>;
}

// The whole system for the browser: ledger, billing and notifier as processes on the test run's
// PostgreSQL and Kafka, and the console in front of them serving a fresh build of the app. Sign-in
// is the development sign-in (tokens signed with the services' secret) until the platform's OpenID
// Provider runs in the tests.
export async function startConsoleStack(label: string): Promise<ConsoleStack> {
  const webDir = mkdtempSync(join(tmpdir(), 'console-web-'));
  const [env] = await Promise.all([
    startE2ePlatform(label, { billing: { BILLING_JOBS_INTERVAL_MS: '500' } }),
    buildConsoleWeb(webDir),
  ]);
  const port = await freePort();
  const consoleProcess = new ConsoleProcess(port, {
    NODE_ENV: 'development',
    DATABASE_URL: await createTestDatabase(`${label}_console`),
    CONSOLE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LEDGER_URL: env.platform.app('ledger').url,
    BILLING_URL: env.platform.app('billing').url,
    NOTIFIER_URL: env.platform.app('notifier').url,
    CONSOLE_DEV_SIGN_IN: 'true',
    JWT_SECRET: TEST_JWT_SECRET,
    CONSOLE_WEB_DIR: webDir,
    LOG_LEVEL: 'warn',
  });
  try {
    consoleProcess.start();
    await consoleProcess.waitUntilReady();
  } catch (error) {
    await consoleProcess.stop();
    await env.stop();
    throw error;
  }
  return {
    env,
    console: consoleProcess,
    stop: async () => {
      await consoleProcess.stop();
      await env.stop();
      rmSync(webDir, { recursive: true, force: true });
    },
  };
}

// An account ready to buy: it exists in the ledger with a home country and time zone, has a billing
// profile in EUR and notification settings.
export async function openAccount(stack: ConsoleStack, accountId: string): Promise<void> {
  const { platform } = stack.env;
  const owner = platform.token(accountId, 'owner', `owner.${accountId}@dev.example`);
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
    lowBalanceLevelsCredits: [1000],
    dailyReminder: false,
    language: 'en',
    timeZone: 'Europe/Rome',
  });
}

export function tokenFor(stack: ConsoleStack, accountId: string, role: Role): string {
  return stack.env.platform.token(accountId, role, `${role}.${accountId}@dev.example`);
}
