import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// What the global setup started (or was given), handed to test workers through the environment.
export interface TestInfrastructure {
  databaseUrl: string;
  kafkaBrokers: string;
  startedPostgresDir?: string;
  startedKafkaDir?: string;
}

export const TEST_ENV = {
  databaseUrl: 'TEST_DATABASE_ADMIN_URL',
  kafkaBrokers: 'TEST_KAFKA_BROKERS',
  postgresDir: 'TEST_POSTGRES_DIR',
  kafkaDir: 'TEST_KAFKA_DIR',
} as const;

export function testInfrastructure(): TestInfrastructure {
  const databaseUrl = process.env[TEST_ENV.databaseUrl];
  const kafkaBrokers = process.env[TEST_ENV.kafkaBrokers];
  if (!databaseUrl || !kafkaBrokers) {
    throw new Error('Test infrastructure is not running: run integration tests through jest (npm test)');
  }
  return { databaseUrl, kafkaBrokers };
}

export function runDirectory(name: string): string {
  return join(tmpdir(), `sms-credits-test-${process.pid}-${name}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
