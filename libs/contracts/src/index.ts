export { buildAsyncApiDocument } from './asyncapi';
export { CATALOGUE } from './catalogue';
export { decodeEvent, defineContract, describeIssues } from './contract';
export type { DecodeResult, EventContract, PayloadOf } from './contract';
export * from './events';
export { CREDIT_SCALE } from './fields';
export { consumerGroup, deadLetterReaderGroupPrefix, deadLetterTopic, Topics } from './topics';
export type { Topic } from './topics';
export { DEFAULT_SMS_SENT_PARTITIONS, DEFAULT_TOPIC_PARTITIONS, partitionsFor } from './topic-partitions';
export type { TopicPartitions } from './topic-partitions';
export type * from './event-types';
export { countSegments, MAX_SEGMENTS } from './segments';
export type { SegmentCount } from './segments';
export { countryOfNumber } from './country-of-number';
export {
  KAFKA_ADMIN_PRINCIPAL,
  KAFKA_SERVICE_PRINCIPALS,
  kafkaGrants,
  kafkaPrincipals,
} from './kafka-access';
export type { KafkaGrant, KafkaOperation } from './kafka-access';
export { eventEnvelope } from './event-envelope';
export type { EventEnvelope } from './event-envelope';
export { creditsDecimal, formatCredits, formatMoney, moneyDecimal } from './amount-format';
