import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fetchDevToken } from '../dev-token';
import { repoRoot } from '@sms/infra';

// Where `npm run stack` keeps the seeded sign-ins (read by `npm run demo -- --stack`).
export const STACK_CREDENTIALS_FILE = join(repoRoot(), '.local', 'stack-credentials.json');

// What `npm run stack` sets up on a developer's machine: an operator, the demo account with its owner
// and a gateway client. Their passwords and secret are made on first start and kept in .local/ (never
// in the repository), so they stay the same from one start to the next.
export interface DemoCredentials {
  operator: { email: string; password: string };
  owner: { email: string; password: string };
  gateway?: { clientId: string; clientSecret: string };
}

export async function seedDemo(options: {
  identityUrl: string;
  ledgerUrl: string;
  accountId: string;
  credentialsFile: string;
}): Promise<DemoCredentials> {
  const credentials = loadOrCreate(options.credentialsFile);
  const operator = await fetchDevToken({
    issuerUrl: options.identityUrl,
    accountId: 'platform',
    role: 'operator',
    subject: 'stack@platform.local',
  });
  const call = async (url: string, body: unknown, okStatuses: number[]): Promise<Record<string, unknown>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!okStatuses.includes(response.status)) {
      throw new Error(`POST ${url} answered ${response.status}: ${text}`);
    }
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  };

  await call(`${options.identityUrl}/operators`, { ...credentials.operator, name: 'Demo Operator' }, [201]);
  await call(`${options.ledgerUrl}/accounts`, { id: options.accountId }, [201, 409]);
  await call(
    `${options.identityUrl}/accounts/${options.accountId}/owner`,
    { ...credentials.owner, name: 'Demo Owner' },
    [201, 409],
  );
  if (credentials.gateway === undefined || !(await clientWorks(options.identityUrl, credentials.gateway))) {
    const created = await call(
      `${options.identityUrl}/accounts/${options.accountId}/clients`,
      { name: 'Demo SMS gateway' },
      [201],
    );
    credentials.gateway = { clientId: String(created.clientId), clientSecret: String(created.clientSecret) };
  }
  save(options.credentialsFile, credentials);
  return credentials;
}

export async function clientWorks(
  identityUrl: string,
  client: { clientId: string; clientSecret: string },
): Promise<boolean> {
  const response = await fetch(`${identityUrl}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  return response.ok;
}

function loadOrCreate(file: string): DemoCredentials {
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials;
  }
  const password = (): string => randomBytes(12).toString('base64url');
  return {
    operator: { email: 'operator@demo.example', password: password() },
    owner: { email: 'owner@demo.example', password: password() },
  };
}

function save(file: string, credentials: DemoCredentials): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
}
