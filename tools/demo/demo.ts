import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createDatabase, databaseUrl, freePort, SmtpCapture, startLocalInfra } from '@sms/infra';
import { type DemoCredentials, STACK_CREDENTIALS_FILE } from '../stack/demo-seed';
import { seedStoryPeople, type SeededCredentials, signInStoryPeople } from './identity-session';
import { Platform } from './platform';
import { runStory, type StoryNarrator, storyDepsThroughIdentity, type StoryResult } from './story';

// `npm run demo`: starts PostgreSQL and Kafka (or reuses the local stack's), an SMTP mailbox, the
// identity service and the three apps as separate processes on free ports (so it can run beside
// `npm run stack`), then tells the story. Each run gets fresh databases (demo_identity, demo_ledger,
// demo_billing, demo_notifier) and its own topic prefix. `--keep` leaves everything running afterwards.
//
// `npm run demo -- --stack` tells the story on the running `npm run stack` instead, on its demo
// account, signed in as the people the stack seeded: signing in to the console afterwards shows the
// orders, usage and balance of the story.
//
// Either way every token comes from the identity service: the owner and the operator sign in with
// their passwords, the gateway uses its machine client (client credentials).

const ACCOUNT = 'acc_demo';
const OWNER = 'owner@acme.example';
const started = Date.now();

function say(line: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[${seconds}s] ${line}\n`);
}

function narrator(): StoryNarrator {
  let stepNumber = 0;
  return {
    step: (title) => say(`\n${++stepNumber}. ${title}`),
    detail: (line) => say(`   ${line}`),
  };
}

function summary(result: StoryResult): string {
  const sent = result.campaigns.reduce((sum, c) => sum + c.sent, 0);
  return (
    `Done: ${sent.toLocaleString('en-US')} SMS sent and ${result.chargedMessages.toLocaleString('en-US')} charged, ` +
    `${result.orders.filter((o) => o.kind === 'auto_topup').length} automatic top-up(s) on the account, ` +
    `journal differences: ${result.journalCheck.differences.length}.`
  );
}

async function onOwnPlatform(keep: boolean): Promise<void> {
  say('Starting PostgreSQL and Kafka (reused when already running; the first start downloads Kafka)');
  const infra = await startLocalInfra();
  say(
    `  PostgreSQL ${infra.databaseUrl.value} (${infra.databaseUrl.state}), Kafka ${infra.kafkaBrokers.value} (${infra.kafkaBrokers.state})`,
  );
  const [identityDb, ledgerDb, billingDb, notifierDb] = await Promise.all(
    ['demo_identity', 'demo_ledger', 'demo_billing', 'demo_notifier'].map((name) =>
      createDatabase(databaseUrl(infra.databaseUrl.value, 'postgres'), name),
    ),
  );
  const mailbox = await SmtpCapture.start({ port: 0, httpPort: 0, host: '127.0.0.1' });
  say(`  SMTP mailbox ${mailbox.url}, web view ${mailbox.mailboxUrl ?? ''}`);
  const topicPrefix = `demo-${randomBytes(3).toString('hex')}.`;

  say(
    'Starting identity, then ledger, billing and notifier as separate processes (TypeScript compiled on the fly)',
  );
  const platform = await Platform.start({
    kafkaBrokers: infra.kafkaBrokers.value,
    kafkaCredentials: infra.kafkaCredentials,
    topicPrefix,
    smtpUrl: mailbox.url,
    issuer: { identity: { databaseUrl: identityDb, port: await freePort() } },
    databaseUrls: { ledger: ledgerDb, billing: billingDb, notifier: notifierDb },
    ports: { ledger: await freePort(), billing: await freePort(), notifier: await freePort() },
    extraEnv: { notifier: { DELIVERY_POLL_INTERVAL_MS: '200' } },
  });
  say(
    `  identity ${platform.identityUrl}  (discovery ${platform.identityUrl}/.well-known/openid-configuration)`,
  );
  for (const name of ['ledger', 'billing', 'notifier'] as const) {
    say(`  ${name.padEnd(8)} ${platform.app(name).url}  (API docs ${platform.app(name).url}/docs)`);
  }

  const stop = async () => {
    await platform.stop();
    await mailbox.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));

  try {
    say('Seeding identity: an operator, the owner of the account and a gateway client');
    const credentials = await seedStoryPeople({
      identityUrl: platform.identityUrl,
      accountId: ACCOUNT,
      ownerEmail: OWNER,
    });
    const people = await signInStoryPeople({
      identityUrl: platform.identityUrl,
      accountId: ACCOUNT,
      credentials,
    });
    say(
      `  signed in ${credentials.owner.email} and ${credentials.operator.email}; gateway client ${credentials.gateway.clientId}`,
    );
    const result = await runStory(
      storyDepsThroughIdentity(
        {
          ledger: platform.app('ledger').url,
          billing: platform.app('billing').url,
          notifier: platform.app('notifier').url,
        },
        people,
        {
          accountId: ACCOUNT,
          ownerEmail: OWNER,
          kafkaBrokers: infra.kafkaBrokers.value,
          kafkaCredentials: infra.kafkaCredentials,
          topicPrefix,
          narrator: narrator(),
        },
      ),
    );

    say('\nWhat the owner found in the mailbox');
    await new Promise((done) => setTimeout(done, 2000));
    for (const mail of mailbox.messages()) {
      say(
        `   ${mail.receivedAt.toISOString().slice(11, 19)}  [${mail.headers['x-notice-kind'] ?? '?'}] ${mail.subject}`,
      );
    }
    say(`\n${summary(result)}`);
    if (keep) {
      say(
        `Still running (--keep): mailbox ${mailbox.mailboxUrl ?? ''}; the owner signs in at ${platform.identityUrl} ` +
          `as ${credentials.owner.email} with password ${credentials.owner.password}. A current owner token:\n` +
          `  export TOKEN=${await people.owner()}\nCtrl-C to stop.`,
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

// The running stack (`npm run stack`): its apps on their ports, its demo account and the sign-ins it
// seeded into .local/stack-credentials.json.
async function onRunningStack(): Promise<void> {
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const urls = {
    identity: `http://127.0.0.1:${port('IDENTITY_PORT', 3004)}`,
    ledger: `http://127.0.0.1:${port('LEDGER_PORT', 3001)}`,
    billing: `http://127.0.0.1:${port('BILLING_PORT', 3002)}`,
    notifier: `http://127.0.0.1:${port('NOTIFIER_PORT', 3003)}`,
    console: `http://127.0.0.1:${port('CONSOLE_PORT', 3000)}`,
  };
  for (const [name, url] of Object.entries(urls).filter(([name]) => name !== 'console')) {
    const ready = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (!ready) {
      throw new Error(`${name} does not answer on ${url}: start the platform with \`npm run stack\` first`);
    }
  }
  const credentials = stackCredentials();
  const infra = await startLocalInfra();
  const people = await signInStoryPeople({ identityUrl: urls.identity, accountId: ACCOUNT, credentials });
  say(`Signed in to ${urls.identity} as ${credentials.owner.email} and ${credentials.operator.email}`);
  const result = await runStory(
    storyDepsThroughIdentity(urls, people, {
      accountId: ACCOUNT,
      ownerEmail: credentials.owner.email,
      kafkaBrokers: infra.kafkaBrokers.value,
      kafkaCredentials: infra.kafkaCredentials,
      topicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? '',
      narrator: narrator(),
      runId: randomBytes(3).toString('hex'),
    }),
  );
  say(`\n${summary(result)}`);
  say(
    `Sign in to the console at ${urls.console} as ${credentials.owner.email} (account ${ACCOUNT}) to see the orders, ` +
      `usage and balance; the emails are in the stack's mailbox (http://127.0.0.1:${port('STACK_MAILBOX_PORT', 8025)}).`,
  );
}

function stackCredentials(): SeededCredentials {
  if (!existsSync(STACK_CREDENTIALS_FILE)) {
    throw new Error(`${STACK_CREDENTIALS_FILE} is missing: start the platform with \`npm run stack\` first`);
  }
  const seeded = JSON.parse(readFileSync(STACK_CREDENTIALS_FILE, 'utf8')) as DemoCredentials;
  if (seeded.gateway === undefined) {
    throw new Error(`${STACK_CREDENTIALS_FILE} names no gateway client: restart \`npm run stack\``);
  }
  return { operator: seeded.operator, owner: seeded.owner, gateway: seeded.gateway };
}

async function main(): Promise<void> {
  if (process.argv.includes('--stack')) {
    await onRunningStack();
    return;
  }
  await onOwnPlatform(process.argv.includes('--keep'));
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
