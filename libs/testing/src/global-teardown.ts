import { rm } from 'node:fs/promises';
import { stopKafka } from '../../infra/src/kafka';
import { stopPostgres } from '../../infra/src/postgres';
import { TEST_ENV } from './test-infrastructure';

export default async function globalTeardown(): Promise<void> {
  const postgresDir = process.env[TEST_ENV.postgresDir];
  const kafkaDir = process.env[TEST_ENV.kafkaDir];
  if (postgresDir) {
    await stopPostgres({ dataDir: postgresDir });
    await rm(postgresDir, { recursive: true, force: true });
  }
  if (kafkaDir) {
    await stopKafka({ dataDir: kafkaDir });
    await rm(kafkaDir, { recursive: true, force: true });
  }
  for (const name of Object.values(TEST_ENV)) {
    delete process.env[name];
  }
}
