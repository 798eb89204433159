import { kafkaPrincipals } from '@sms/contracts';
import { kafkaStatus, startKafka, stopKafka } from './kafka';
import { grantKafkaAccess } from './kafka-acl';
import { createCatalogueTopics, topicPartitionsFrom } from './kafka-topics';
import { credentialsFile, readKafkaCredentials, type KafkaCredentials } from './kafka-credentials';
import { localInfraConfig } from './paths';
import { databaseUrl, ensureDatabase, postgresStatus, startPostgres, stopPostgres } from './postgres';

// The local stack's PostgreSQL and Kafka as real servers under .local/: started by `npm run infra`, the
// stack, the demo, the fault scenarios and the benches.

/** The database the apps use locally (matches the DATABASE_URL default in @sms/config). */
export const LOCAL_DATABASE = 'sms';

export interface LocalInfraService {
  /** `started` now, `running` already, or `external` when taken from the environment. */
  state: 'started' | 'running' | 'external';
  value: string;
  seconds?: number;
}

export interface LocalInfra {
  databaseUrl: LocalInfraService;
  kafkaBrokers: LocalInfraService;
  // The broker's principals and passwords: generated for the local broker; for KAFKA_BROKERS, read
  // from KAFKA_CREDENTIALS_FILE when given (otherwise each process brings its own KAFKA_SASL_*).
  kafkaCredentials?: KafkaCredentials;
}

/**
 * Starts what the local stack needs, unless DATABASE_URL / KAFKA_BROKERS point at servers to use instead.
 * Creates the `sms` database on a local server if it does not exist yet.
 */
export async function startLocalInfra(env: NodeJS.ProcessEnv = process.env): Promise<LocalInfra> {
  const config = localInfraConfig(env);
  let kafkaCredentials: KafkaCredentials | undefined;
  const [databaseUrl, kafkaBrokers] = await Promise.all([
    env.DATABASE_URL
      ? external(env.DATABASE_URL)
      : timed(async () => {
          const server = await startPostgres({ ...config.postgres, fast: false });
          const url = await ensureDatabase(server.url, LOCAL_DATABASE);
          return { url, alreadyRunning: server.alreadyRunning };
        }),
    env.KAFKA_BROKERS
      ? external(env.KAFKA_BROKERS)
      : timed(async () => {
          const broker = await startKafka({ ...config.kafka, principals: kafkaPrincipals() });
          kafkaCredentials = broker.credentials;
          // Run at every start, so a topic or consumer added to the catalogue gets its grants.
          await grantKafkaAccess({
            brokers: broker.brokers,
            credentials: broker.credentials,
            topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
          });
          await createCatalogueTopics({
            brokers: broker.brokers,
            credentials: broker.credentials,
            topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
            partitions: topicPartitionsFrom(env),
          });
          return { url: broker.brokers, alreadyRunning: broker.alreadyRunning };
        }),
  ]);
  if (env.KAFKA_BROKERS && env.KAFKA_CREDENTIALS_FILE) {
    kafkaCredentials = await readKafkaCredentials(env.KAFKA_CREDENTIALS_FILE);
  }
  return { databaseUrl, kafkaBrokers, kafkaCredentials };
}

/** The local broker's credentials (`npm run infra -- up` writes them), if it was ever started. */
export async function localKafkaCredentials(
  env: NodeJS.ProcessEnv = process.env,
): Promise<KafkaCredentials | undefined> {
  if (env.KAFKA_CREDENTIALS_FILE) {
    return readKafkaCredentials(env.KAFKA_CREDENTIALS_FILE);
  }
  return readKafkaCredentials(credentialsFile(localInfraConfig(env).kafka.dataDir));
}

/** Stops the local servers (whether or not DATABASE_URL / KAFKA_BROKERS are set: stopping is idempotent). */
export async function stopLocalInfra(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = localInfraConfig(env);
  await Promise.all([stopPostgres(config.postgres), stopKafka(config.kafka)]);
}

export async function localInfraStatus(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const config = localInfraConfig(env);
  const [postgres, kafka] = await Promise.all([postgresStatus(config.postgres), kafkaStatus(config.kafka)]);
  const postgresUrl = postgres.url && databaseUrl(postgres.url, LOCAL_DATABASE);
  return [
    statusLine('PostgreSQL', postgres.running, postgresUrl, postgres.pid, config.postgres.dataDir),
    statusLine('Kafka', kafka.running, kafka.brokers, kafka.pid, config.kafka.dataDir),
    ...(env.DATABASE_URL ? [`DATABASE_URL is set: the stack uses ${env.DATABASE_URL}`] : []),
    ...(env.KAFKA_BROKERS ? [`KAFKA_BROKERS is set: the stack uses ${env.KAFKA_BROKERS}`] : []),
  ];
}

function external(value: string): Promise<LocalInfraService> {
  return Promise.resolve({ state: 'external', value });
}

async function timed(
  start: () => Promise<{ url: string; alreadyRunning: boolean }>,
): Promise<LocalInfraService> {
  const began = Date.now();
  const { url, alreadyRunning } = await start();
  return { state: alreadyRunning ? 'running' : 'started', value: url, seconds: (Date.now() - began) / 1000 };
}

function statusLine(
  name: string,
  running: boolean,
  value: string | undefined,
  pid: number | undefined,
  dir: string,
): string {
  const state = running ? `running  ${value ?? ''} (pid ${pid})` : 'stopped';
  return `${name.padEnd(11)} ${state}  [${dir}]`;
}
