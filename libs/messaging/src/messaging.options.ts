import type { TopicPartitions } from '@sms/contracts';
import type { ConsumerTuning } from './consumer-tuning';
import type { KafkaClientSecurity } from './kafka-client-security';

export interface MessagingOptions {
  // Name of the service: prefix of its consumer groups and dead-letter topics.
  service: string;
  clientId: string;
  brokers: string[];
  // SASL credentials (the service's own principal) and TLS; none for a local broker without SASL.
  security?: KafkaClientSecurity;
  // Prepended to every topic name, so several environments (or test runs) can share one cluster.
  topicPrefix: string;
  // The service's PostgreSQL schema, which holds its outbox and inbox tables.
  schema: string;
  // Partitions of the topics this service creates when they are missing.
  partitions?: TopicPartitions;
  outboxPollIntervalMs?: number;
  // Fetch sizes, waits and group timeouts of the consumers (consumer-tuning.ts has the defaults).
  consumer?: Partial<ConsumerTuning>;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
