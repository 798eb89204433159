import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Relative, not @sms/infra: jest's global setup imports this file and does not apply path aliases.
import type { KafkaCredentials } from '../../infra/src/kafka-credentials';
// One free-port helper for the harness and the local tools (the demo, the fault tests).
export { freePort } from '../../infra/src/free-port';

// What the global setup started (or was given), handed to test workers through the environment.
export interface TestInfrastructure {
  databaseUrl: string;
  kafkaBrokers: string;
  // Every principal of the test broker (SASL/SCRAM) and its password, generated for this run.
  kafkaCredentials: KafkaCredentials;
  startedPostgresDir?: string;
  startedKafkaDir?: string;
}

export const TEST_ENV = {
  databaseUrl: 'TEST_DATABASE_ADMIN_URL',
  kafkaBrokers: 'TEST_KAFKA_BROKERS',
  postgresDir: 'TEST_POSTGRES_DIR',
  kafkaDir: 'TEST_KAFKA_DIR',
  // Path of the credentials file, not the passwords: child processes inherit the environment.
  kafkaCredentialsFile: 'TEST_KAFKA_CREDENTIALS_FILE',
} as const;

let credentials: { file: string; value: KafkaCredentials } | undefined;

export function testInfrastructure(): TestInfrastructure {
  const databaseUrl = process.env[TEST_ENV.databaseUrl];
  const kafkaBrokers = process.env[TEST_ENV.kafkaBrokers];
  const credentialsFile = process.env[TEST_ENV.kafkaCredentialsFile];
  if (!databaseUrl || !kafkaBrokers || !credentialsFile) {
    throw new Error('Test infrastructure is not running: run integration tests through jest (npm test)');
  }
  if (credentials?.file !== credentialsFile) {
    credentials = {
      file: credentialsFile,
      value: JSON.parse(readFileSync(credentialsFile, 'utf8')) as KafkaCredentials,
    };
  }
  return { databaseUrl, kafkaBrokers, kafkaCredentials: credentials.value };
}

export function runDirectory(name: string): string {
  return join(tmpdir(), `sms-credits-test-${process.pid}-${name}`);
}
