import { rm } from 'node:fs/promises';
import { startKafka, startPostgres } from '../../../tools/infra';
import { freePort, runDirectory, TEST_ENV } from './test-infrastructure';

// Starts one throwaway PostgreSQL server and one Kafka broker for the whole test run, unless
// DATABASE_URL / KAFKA_BROKERS point at servers to use instead. Test files isolate themselves with a
// database and a topic prefix of their own.
export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_ENV.databaseUrl] && process.env[TEST_ENV.kafkaBrokers]) {
    return; // another project of this run already started them
  }
  const [databaseUrl, kafkaBrokers] = await Promise.all([postgres(), kafka()]);
  process.env[TEST_ENV.databaseUrl] = databaseUrl;
  process.env[TEST_ENV.kafkaBrokers] = kafkaBrokers;
}

async function postgres(): Promise<string> {
  if (process.env.DATABASE_URL) {
    return process.env.DATABASE_URL;
  }
  const dataDir = runDirectory('postgres');
  await rm(dataDir, { recursive: true, force: true });
  const server = await startPostgres({ dataDir, port: await freePort(), fast: true });
  process.env[TEST_ENV.postgresDir] = dataDir;
  return server.url;
}

async function kafka(): Promise<string> {
  if (process.env.KAFKA_BROKERS) {
    return process.env.KAFKA_BROKERS;
  }
  const dataDir = runDirectory('kafka');
  await rm(dataDir, { recursive: true, force: true });
  const broker = await startKafka({ dataDir, port: await freePort(), controllerPort: await freePort() });
  process.env[TEST_ENV.kafkaDir] = dataDir;
  return broker.brokers;
}
