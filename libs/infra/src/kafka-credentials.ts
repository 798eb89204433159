import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// The SASL/SCRAM identities of one local broker: a password per principal, generated when the broker's
// storage is formatted and kept beside its data (never in the repository), readable by its owner only.

export const KAFKA_SASL_MECHANISM = 'scram-sha-512';
// The broker's super user, used by the broker itself between its listeners and by set-up tools.
export const KAFKA_ADMIN = 'admin';
const CREDENTIALS_FILE = 'credentials.json';

export interface KafkaCredentials {
  mechanism: typeof KAFKA_SASL_MECHANISM;
  // Principal name → password. Includes the admin.
  passwords: Record<string, string>;
  // The controller listener's own password (PLAIN, checked by the broker's configuration, not by SCRAM
  // records, which the controller cannot read before its metadata is loaded).
  controllerPassword: string;
}

export interface KafkaSasl {
  mechanism: typeof KAFKA_SASL_MECHANISM;
  username: string;
  password: string;
}

export function credentialsFile(dataDir: string): string {
  return join(dataDir, CREDENTIALS_FILE);
}

export async function readKafkaCredentials(file: string): Promise<KafkaCredentials | undefined> {
  if (!existsSync(file)) {
    return undefined;
  }
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<KafkaCredentials>;
  if (parsed.mechanism !== KAFKA_SASL_MECHANISM || !parsed.passwords || !parsed.controllerPassword) {
    throw new Error(`${file} is not a Kafka credentials file of this version`);
  }
  return parsed as KafkaCredentials;
}

export async function writeKafkaCredentials(file: string, credentials: KafkaCredentials): Promise<void> {
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
}

// base64url: safe inside the broker's JAAS strings and the `--add-scram` argument without quoting.
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

export function newKafkaCredentials(principals: readonly string[]): KafkaCredentials {
  const names = [...new Set([KAFKA_ADMIN, ...principals])];
  return {
    mechanism: KAFKA_SASL_MECHANISM,
    passwords: Object.fromEntries(names.map((name) => [name, generatePassword()])),
    controllerPassword: generatePassword(),
  };
}

/** The kafkajs `sasl` option for a principal of this broker. */
export function saslFor(credentials: KafkaCredentials, principal: string): KafkaSasl {
  const password = credentials.passwords[principal];
  if (password === undefined) {
    throw new Error(`The Kafka broker has no principal named "${principal}"`);
  }
  return { mechanism: credentials.mechanism, username: principal, password };
}

/** The settings a service or tool reads to connect as this principal (see @sms/config). */
export function kafkaEnvFor(credentials: KafkaCredentials, principal: string): Record<string, string> {
  const sasl = saslFor(credentials, principal);
  return {
    KAFKA_SASL_MECHANISM: sasl.mechanism,
    KAFKA_SASL_USERNAME: sasl.username,
    KAFKA_SASL_PASSWORD: sasl.password,
  };
}
