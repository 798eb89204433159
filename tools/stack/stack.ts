import { spawn, ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaEnvFor, repoRoot, SmtpCapture, startLocalInfra, stopLocalInfra } from '@sms/infra';
import { type DemoCredentials, seedDemo, STACK_CREDENTIALS_FILE } from './demo-seed';

// `npm run stack`: PostgreSQL, Kafka and an SMTP mailbox on this machine, then identity and the three
// apps, each answering /health/ready before the demo is seeded and the summary printed. Ctrl-C stops
// the apps and the mailbox; the database and broker keep running for the next start
// (`npm run stack:down` stops them).

interface AppSpec {
  name: 'identity' | 'ledger' | 'billing' | 'notifier' | 'console';
  port: number;
}

const ROOT = repoRoot();
const IDENTITY: AppSpec = { name: 'identity', port: Number(process.env.IDENTITY_PORT ?? 3004) };
const LEDGER: AppSpec = { name: 'ledger', port: Number(process.env.LEDGER_PORT ?? 3001) };
const APPS: AppSpec[] = [
  LEDGER,
  { name: 'billing', port: Number(process.env.BILLING_PORT ?? 3002) },
  { name: 'notifier', port: Number(process.env.NOTIFIER_PORT ?? 3003) },
  { name: 'console', port: Number(process.env.CONSOLE_PORT ?? 3000) },
];
const SMTP_PORT = Number(process.env.STACK_SMTP_PORT ?? 1025);
const MAILBOX_PORT = Number(process.env.STACK_MAILBOX_PORT ?? 8025);
const DEMO_ACCOUNT = 'acc_demo';
const IDENTITY_URL = `http://127.0.0.1:${IDENTITY.port}`;
const CREDENTIALS_FILE = STACK_CREDENTIALS_FILE;

async function up(): Promise<void> {
  const started = Date.now();
  step('starting PostgreSQL and Kafka');
  const infra = await startLocalInfra();
  step(`PostgreSQL ${infra.databaseUrl.value} (${infra.databaseUrl.state})`);
  step(`Kafka ${infra.kafkaBrokers.value} (${infra.kafkaBrokers.state})`);

  const mailbox = await SmtpCapture.start({ port: SMTP_PORT, httpPort: MAILBOX_PORT, host: '127.0.0.1' });
  step(`SMTP mailbox on ${mailbox.url}, web view ${mailbox.mailboxUrl ?? ''}`);

  step('building the apps');
  await run('npm', ['run', '--silent', 'build']);

  const logDir = join(ROOT, '.local', 'logs');
  mkdirSync(logDir, { recursive: true });
  // Every app trusts the identity service's tokens; identity is the issuer at that same address.
  const children = [IDENTITY, ...APPS].map((app) =>
    startApp(app, logDir, {
      DATABASE_URL: infra.databaseUrl.value,
      KAFKA_BROKERS: infra.kafkaBrokers.value,
      // Each app connects as its own principal, allowed only its own topics; the console uses no Kafka.
      ...(infra.kafkaCredentials && app.name !== 'console' && kafkaEnvFor(infra.kafkaCredentials, app.name)),
      SMTP_URL: mailbox.url,
      AUTH_ISSUER_URL: IDENTITY_URL,
      IDENTITY_PUBLIC_URL: IDENTITY_URL,
      ...(app.name === 'console' ? consoleEnv() : {}),
      // Identity sends people back only to the console's own callback, wherever the console listens.
      ...(app.name === 'identity'
        ? { CONSOLE_REDIRECT_URIS: `${consoleEnv().CONSOLE_PUBLIC_URL}/auth/callback` }
        : {}),
      // Local runs buy credits with the simulator's test cards (never in production).
      PAYMENT_SIMULATOR_ENABLED: process.env.PAYMENT_SIMULATOR_ENABLED ?? 'true',
    }),
  );

  const stop = async (signal: NodeJS.Signals) => {
    step(`${signal}: stopping the apps`);
    for (const child of children) {
      child.kill('SIGTERM');
    }
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    await mailbox.stop();
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void stop(signal));
  process.once('SIGTERM', (signal) => void stop(signal));

  await Promise.all([IDENTITY, ...APPS].map((app) => waitUntilReady(app)));
  const credentials = await seedDemo({
    identityUrl: IDENTITY_URL,
    ledgerUrl: `http://127.0.0.1:${LEDGER.port}`,
    accountId: DEMO_ACCOUNT,
    credentialsFile: CREDENTIALS_FILE,
  });
  printSummary(credentials, mailbox, (Date.now() - started) / 1000, logDir);
}

// The console calls the three apps where the stack runs them. Identity runs in development mode here
// (its development token route exists), so the console offers the development sign-in: any account and role.
function consoleEnv(): Record<string, string> {
  const url = (name: AppSpec['name']) =>
    `http://127.0.0.1:${APPS.find((app) => app.name === name)?.port ?? 0}`;
  return {
    CONSOLE_PUBLIC_URL: process.env.CONSOLE_PUBLIC_URL ?? url('console'),
    LEDGER_URL: url('ledger'),
    BILLING_URL: url('billing'),
    NOTIFIER_URL: url('notifier'),
    IDENTITY_URL,
    CONSOLE_DEV_SIGN_IN: 'true',
  };
}

function startApp(app: AppSpec, logDir: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', app.name, 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(app.port), LOG_FORMAT: process.env.LOG_FORMAT ?? 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(logDir, `${app.name}.log`), { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(app.name, chunk)));
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') {
      process.stderr.write(
        `[${app.name}] exited (${signal ?? code}); see ${join(logDir, `${app.name}.log`)}\n`,
      );
    }
  });
  return child;
}

async function waitUntilReady(app: AppSpec): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${app.port}/health/ready`);
      if (response.ok) {
        step(`${app.name} ready on http://127.0.0.1:${app.port}`);
        return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${app.name} did not become ready within 120 s; see .local/logs/${app.name}.log`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function printSummary(
  credentials: DemoCredentials,
  mailbox: SmtpCapture,
  seconds: number,
  logDir: string,
): void {
  const gateway = credentials.gateway;
  const lines = [
    '',
    `The SMS credits platform is running (ready in ${seconds.toFixed(1)} s).`,
    '',
    ...[IDENTITY, ...APPS]
      .filter((app) => app.name !== 'console')
      .map(
        (app) =>
          `  ${app.name.padEnd(9)} http://127.0.0.1:${app.port}   API docs: http://127.0.0.1:${app.port}/docs`,
      ),
    `  mailbox   ${mailbox.mailboxUrl ?? ''}   (SMTP ${mailbox.url})`,
    `  console   ${consoleEnv().CONSOLE_PUBLIC_URL}   (sign in as the owner or operator below; development sign-in: account ${DEMO_ACCOUNT}, any role)`,
    `  logs      ${logDir}`,
    `  sign-in details are kept in ${CREDENTIALS_FILE}`,
    '',
    `Demo account ${DEMO_ACCOUNT}:`,
    `  owner     ${credentials.owner.email}  password ${credentials.owner.password}`,
    `  operator  ${credentials.operator.email}  password ${credentials.operator.password}`,
    `  gateway   client id ${gateway?.clientId ?? ''}  secret ${gateway?.clientSecret ?? ''}`,
    '',
    'Tokens:',
    '  people sign in through the console (authorization code with PKCE, client "console") at',
    `    ${IDENTITY_URL}/auth; discovery: ${IDENTITY_URL}/.well-known/openid-configuration`,
    `  export TOKEN=$(npm run --silent token -- --account ${DEMO_ACCOUNT} --role owner)   (development only)`,
    `  export GATEWAY_TOKEN=$(npm run --silent token -- --client-id ${gateway?.clientId ?? ''} --client-secret <secret>)`,
    `  or: curl -u <client id>:<secret> -d grant_type=client_credentials ${IDENTITY_URL}/token`,
    '',
    `Try: curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:${LEDGER.port}/accounts/${DEMO_ACCOUNT}/balance`,
    `     npm run demo -- --stack   (the whole story on ${DEMO_ACCOUNT}: buying, a campaign, low balance, auto top-up,`,
    '                               emails; sign in to the console afterwards to see it)',
    'Ctrl-C stops the apps; `npm run stack:down` also stops PostgreSQL and Kafka.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code})`)),
    );
  });
}

function prefix(name: string, chunk: Buffer): string {
  return chunk
    .toString()
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => `[${name}] ${line}\n`)
    .join('');
}

function step(message: string): void {
  process.stdout.write(`• ${message}\n`);
}

async function main(command: string | undefined): Promise<void> {
  switch (command ?? '') {
    case 'up':
      return up();
    case 'down':
      await stopLocalInfra();
      step('PostgreSQL and Kafka stopped');
      return;
    default:
      process.stderr.write('usage: tsx tools/stack/stack.ts up|down\n');
      process.exit(2);
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
