import {
  createTestDatabase,
  createTestTopicPrefix,
  freePort,
  TestIssuer,
  testInfrastructure,
} from '@sms/testing';
import { SmtpCapture, type KafkaCredentials } from '@sms/infra';
import { Platform, PlatformOptions } from '../../../tools/demo/platform';
import type { AppName } from '../../../tools/demo/app-process';

export interface E2ePlatform {
  platform: Platform;
  smtp: SmtpCapture;
  kafkaBrokers: string;
  kafkaCredentials: KafkaCredentials;
  topicPrefix: string;
  stop(): Promise<void>;
}

// The three apps as separate processes against the test run's PostgreSQL and Kafka: a database each,
// one topic prefix for the file, a free port each, and an in-test SMTP server.
// With `trust: 'identity'` the apps trust the platform's identity service (run as a process too), and
// tokens come from signing in there; otherwise a test issuer signs whatever the test asks for.
export async function startE2ePlatform(
  label: string,
  extraEnv: PlatformOptions['extraEnv'] = {},
  options: { trust?: 'identity' | 'test-issuer' } = {},
): Promise<E2ePlatform> {
  const { kafkaBrokers, kafkaCredentials } = testInfrastructure();
  const topicPrefix = await createTestTopicPrefix(label);
  const smtp = await SmtpCapture.start({ port: 0 });
  const testIssuer = options.trust === 'identity' ? undefined : await TestIssuer.start();
  const issuer: PlatformOptions['issuer'] = testIssuer ?? {
    identity: { databaseUrl: await createTestDatabase(`${label}_identity`), port: await freePort() },
  };
  const [ledgerDb, billingDb, notifierDb] = await Promise.all(
    (['ledger', 'billing', 'notifier'] as const).map((app) => createTestDatabase(`${label}_${app}`)),
  );
  const ports: Record<AppName, number> = {
    ledger: await freePort(),
    billing: await freePort(),
    notifier: await freePort(),
  };
  try {
    const platform = await Platform.start({
      kafkaBrokers,
      kafkaCredentials,
      topicPrefix,
      smtpUrl: smtp.url,
      issuer,
      databaseUrls: { ledger: ledgerDb, billing: billingDb, notifier: notifierDb },
      ports,
      extraEnv: {
        ledger: { ...extraEnv.ledger },
        billing: { BILLING_JOBS_INTERVAL_MS: '0', ...extraEnv.billing },
        notifier: { REMINDER_INTERVAL_MS: '0', DELIVERY_POLL_INTERVAL_MS: '200', ...extraEnv.notifier },
      },
    });
    return {
      platform,
      smtp,
      kafkaBrokers,
      kafkaCredentials,
      topicPrefix,
      stop: async () => {
        await platform.stop();
        await smtp.stop();
        await testIssuer?.stop();
      },
    };
  } catch (error) {
    await smtp.stop();
    await testIssuer?.stop();
    throw error;
  }
}
