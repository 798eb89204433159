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
} from './local-infra';
export type { LocalInfra, LocalInfraService } from './local-infra';
export {
  credentialsFile,
  KAFKA_ADMIN,
  KAFKA_SASL_MECHANISM,
  kafkaEnvFor,
  newKafkaCredentials,
  readKafkaCredentials,
  saslFor,
  writeKafkaCredentials,
} from './kafka-credentials';
export type { KafkaCredentials, KafkaSasl } from './kafka-credentials';
export { clientProperties, scramJaas } from './kafka';
export { grantKafkaAccess } from './kafka-acl';
export { createCatalogueTopics, topicPartitionsFrom } from './kafka-topics';
