export {
  createDatabase,
  databaseUrl,
  ensureDatabase,
  findPostgresBinDir,
  postgresStatus,
  startPostgres,
  stopPostgres,
} from './postgres';
export type { PostgresServer, PostgresStatus, StartPostgresOptions } from './postgres';
export { ensureKafkaJars, kafkaStatus, startKafka, stopKafka } from './kafka';
export type { KafkaBroker, KafkaStatus, StartKafkaOptions } from './kafka';
export { freePort } from './free-port';
export { SmtpCapture } from './smtp-capture';
export type { CapturedAttachment, CapturedMail, MailPredicate, SmtpCaptureOptions } from './smtp-capture';
export { KAFKA_VERSION, kafkaCacheDir, localInfraConfig, repoRoot } from './paths';
export type { LocalInfraConfig } from './paths';
export {
  LOCAL_DATABASE,
  localInfraStatus,
  localKafkaCredentials,
  startLocalInfra,
  stopLocalInfra,
} from './cli';
export type { LocalInfra, LocalInfraService } from './cli';
export {
  credentialsFile,
  KAFKA_ADMIN,
  KAFKA_SASL_MECHANISM,
  kafkaEnvFor,
  readKafkaCredentials,
  saslFor,
} from './kafka-credentials';
export type { KafkaCredentials, KafkaSasl } from './kafka-credentials';
export { clientProperties } from './kafka';
export { grantKafkaAccess } from './kafka-acl';
export { createCatalogueTopics, topicPartitionsFrom } from './kafka-topics';
export { toolKafkaConfig } from './kafka-client';
export type { ToolKafkaConfig } from './kafka-client';
