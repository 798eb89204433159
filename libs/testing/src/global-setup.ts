import { rm } from 'node:fs/promises';
// Relative imports of single files: jest's global setup does not apply path aliases.
import { kafkaPrincipals } from '../../contracts/src/kafka-access';
import { startKafka } from '../../infra/src/kafka';
import { credentialsFile } from '../../infra/src/kafka-credentials';
import { localInfraConfig } from '../../infra/src/paths';
import { startPostgres } from '../../infra/src/postgres';
import { freePort, runDirectory, TEST_ENV } from './test-infrastructure';

// Starts one throwaway PostgreSQL server and one Kafka broker for the whole test run, unless
// DATABASE_URL / KAFKA_BROKERS point at servers to use instead. Test files isolate themselves with a
// database and a topic prefix of their own.
export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_ENV.databaseUrl] && process.env[TEST_ENV.kafkaBrokers]) {
    return; // another project of this run already started them
  }
  const [databaseUrl, kafkaBroker] = await Promise.all([postgres(), kafka()]);
  process.env[TEST_ENV.databaseUrl] = databaseUrl;
  process.env[TEST_ENV.kafkaBrokers] = kafkaBroker.brokers;
  process.env[TEST_ENV.kafkaCredentialsFile] = kafkaBroker.credentialsFile;
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

// A given broker comes with its credentials file (KAFKA_CREDENTIALS_FILE, by default the local
// stack's): the tests connect as each service's principal and grant ACLs as its admin.
async function kafka(): Promise<{ brokers: string; credentialsFile: string }> {
  if (process.env.KAFKA_BROKERS) {
    return {
      brokers: process.env.KAFKA_BROKERS,
      credentialsFile:
        process.env.KAFKA_CREDENTIALS_FILE ?? credentialsFile(localInfraConfig().kafka.dataDir),
    };
  }
  const dataDir = runDirectory('kafka');
  await rm(dataDir, { recursive: true, force: true });
  const broker = await startKafka({
    dataDir,
    port: await freePort(),
    controllerPort: await freePort(),
    principals: kafkaPrincipals(),
  });
  process.env[TEST_ENV.kafkaDir] = dataDir;
  return { brokers: broker.brokers, credentialsFile: broker.credentialsFile };
}
