import { randomBytes } from 'node:crypto';
import { TestIssuer } from '@sms/testing';
import { createDatabase, databaseUrl, SmtpCapture, startLocalInfra } from '../infra';
import { freePort } from './free-port';
import { Platform } from './platform';
import { runStory, storyDepsOn } from './story';

// `npm run demo`: starts PostgreSQL and Kafka (or reuses the local stack's), an SMTP mailbox and the
// three apps as separate processes on free ports (so it can run beside `npm run stack`), then tells
// the story. Each run gets fresh databases (demo_ledger, demo_billing, demo_notifier) and its own
// topic prefix. `--keep` leaves everything running afterwards to look at the APIs and the mailbox.

const ACCOUNT = 'acc_demo';
const OWNER = 'owner@acme.example';
const started = Date.now();

function say(line: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[${seconds}s] ${line}\n`);
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  let stepNumber = 0;
  say('Starting PostgreSQL and Kafka (reused when already running; the first start downloads Kafka)');
  const infra = await startLocalInfra();
  say(
    `  PostgreSQL ${infra.databaseUrl.value} (${infra.databaseUrl.state}), Kafka ${infra.kafkaBrokers.value} (${infra.kafkaBrokers.state})`,
  );
  const [ledgerDb, billingDb, notifierDb] = await Promise.all(
    ['demo_ledger', 'demo_billing', 'demo_notifier'].map((name) =>
      createDatabase(databaseUrl(infra.databaseUrl.value, 'postgres'), name),
    ),
  );
  const mailbox = await SmtpCapture.start({ port: 0, httpPort: 0, host: '127.0.0.1' });
  say(`  SMTP mailbox ${mailbox.url}, web view ${mailbox.mailboxUrl ?? ''}`);
  const topicPrefix = `demo-${randomBytes(3).toString('hex')}.`;
  // The demo runs its own apps, so it runs its own token issuer for them too.
  const issuer = await TestIssuer.start();

  say('Starting ledger, billing and notifier as separate processes (TypeScript compiled on the fly)');
  const platform = await Platform.start({
    kafkaBrokers: infra.kafkaBrokers.value,
    kafkaCredentials: infra.kafkaCredentials,
    topicPrefix,
    smtpUrl: mailbox.url,
    issuer,
    databaseUrls: { ledger: ledgerDb, billing: billingDb, notifier: notifierDb },
    ports: { ledger: await freePort(), billing: await freePort(), notifier: await freePort() },
    extraEnv: { notifier: { DELIVERY_POLL_INTERVAL_MS: '200' } },
  });
  for (const name of ['ledger', 'billing', 'notifier'] as const) {
    say(`  ${name.padEnd(8)} ${platform.app(name).url}  (API docs ${platform.app(name).url}/docs)`);
  }

  const stop = async () => {
    await platform.stop();
    await mailbox.stop();
    await issuer.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));

  try {
    const result = await runStory(
      storyDepsOn(platform, {
        accountId: ACCOUNT,
        ownerEmail: OWNER,
        kafkaBrokers: infra.kafkaBrokers.value,
        kafkaCredentials: infra.kafkaCredentials,
        topicPrefix,
        narrator: {
          step: (title) => say(`\n${++stepNumber}. ${title}`),
          detail: (line) => say(`   ${line}`),
        },
      }),
    );

    say(`\n${++stepNumber}. What the owner found in the mailbox`);
    await new Promise((done) => setTimeout(done, 2000));
    for (const mail of mailbox.messages()) {
      say(
        `   ${mail.receivedAt.toISOString().slice(11, 19)}  [${mail.headers['x-notice-kind'] ?? '?'}] ${mail.subject}`,
      );
    }
    const sent = result.campaigns.reduce((sum, c) => sum + c.sent, 0);
    say(
      `\nDone: ${sent.toLocaleString('en-US')} SMS sent and ${result.chargedMessages.toLocaleString('en-US')} charged, ` +
        `${result.orders.filter((o) => o.kind === 'auto_topup').length} automatic top-up(s), journal differences: ${result.journalCheck.differences.length}.`,
    );
    if (keep) {
      say(
        `Still running (--keep): mailbox ${mailbox.mailboxUrl ?? ''}, owner token:\n  export TOKEN=${platform.token(ACCOUNT, 'owner', OWNER)}\nCtrl-C to stop.`,
      );
      return;
    }
  } catch (error) {
    for (const name of ['ledger', 'billing', 'notifier'] as const) {
      process.stderr.write(`--- last lines of ${name}\n${platform.app(name).tail(20)}\n`);
    }
    await stop();
    throw error;
  }
  await stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
