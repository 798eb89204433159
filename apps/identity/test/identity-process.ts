import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { kafkaEnvFor } from '@sms/infra';
import { freePort, testInfrastructure } from '@sms/testing';

const ROOT = join(__dirname, '..', '..', '..');

export interface IdentityProcess {
  url: string;
  env: Record<string, string>;
  output(): string;
  stop(): Promise<void>;
}

// Runs identity's real entry point as its own process. oidc-provider is an ES module, which Node 20
// loads through require() but jest's module system cannot, so tests talk to identity over HTTP.
export async function startIdentityProcess(options: {
  databaseUrl: string;
  topicPrefix: string;
  extraEnv?: Record<string, string>;
}): Promise<IdentityProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    IDENTITY_PUBLIC_URL: url,
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: testInfrastructure().kafkaBrokers,
    ...kafkaEnvFor(testInfrastructure().kafkaCredentials, 'identity'),
    KAFKA_TOPIC_PREFIX: options.topicPrefix,
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    CONSOLE_REDIRECT_URIS: 'http://127.0.0.1:3000/auth/callback',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'text',
    // A test signs in far more often from one address than a person would.
    RATE_LIMIT_SIGN_IN_PER_IP: '1000',
    ...options.extraEnv,
  };
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(ROOT, 'apps/identity/src/main.ts'),
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env } },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntilReady(url, child, () => output);
  return {
    url,
    env,
    output: () => output,
    stop: () => stop(child),
  };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`identity exited with ${child.exitCode}:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/health/ready`);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  child.kill('SIGKILL');
  throw new Error(`identity did not become ready within 240 s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
