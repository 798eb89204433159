import { CATALOGUE } from './catalogue';
import type { EventContract } from './contract';
import { consumerGroup, deadLetterReaderGroupPrefix, deadLetterTopic } from './topics';

// Who may do what on the broker, derived from the catalogue's producers and consumers so that the
// access rules cannot drift from the events each party really publishes and reads.

// The broker's super user: topic set-up, dead-letter replay and test harnesses. Never a service.
export const KAFKA_ADMIN_PRINCIPAL = 'admin';

// Every service gets a principal even before it publishes or reads anything in the catalogue, so it
// can connect (readiness, outbox relay) from its first release.
export const KAFKA_SERVICE_PRINCIPALS = ['ledger', 'billing', 'notifier', 'identity'] as const;

export type KafkaOperation = 'read' | 'write' | 'create';

export interface KafkaGrant {
  principal: string;
  resource: 'topic' | 'group';
  // Full resource name, topic prefix included; matched literally unless the grant says `prefixed`.
  name: string;
  operation: KafkaOperation;
  pattern?: 'prefixed';
}

// Services, gateways and payment adapters: everyone named in the catalogue, plus every service.
export function kafkaPrincipals(catalogue: readonly EventContract[] = CATALOGUE): string[] {
  const named = catalogue.flatMap((contract) => [...contract.producers, ...contract.consumers]);
  return [...new Set([...KAFKA_SERVICE_PRINCIPALS, ...named])].sort();
}

/**
 * The grants of every principal under one topic prefix:
 * - a producer writes the topic (and may create it: the first publisher on a fresh cluster does);
 * - a consumer reads the topic through its own consumer group, and writes (and creates) its own
 *   dead-letter topic for it; it may create the topic it reads, since it subscribes at start;
 * - a consumer reads its own dead-letter topics (through consumer groups under a prefix of its own),
 *   so an operator can inspect and re-process them through the service; it still writes no topic
 *   it does not produce.
 * Nothing else: no principal writes what it does not produce or reads what it does not consume.
 * Since Kafka 3.0 an idempotent producer needs no cluster-wide IdempotentWrite, only Write on a topic.
 */
export function kafkaGrants(options: {
  topicPrefix: string;
  catalogue?: readonly EventContract[];
}): KafkaGrant[] {
  const name = (resource: string) => `${options.topicPrefix}${resource}`;
  const grants: KafkaGrant[] = [];
  for (const contract of options.catalogue ?? CATALOGUE) {
    const topic = name(contract.topic);
    for (const producer of contract.producers) {
      grants.push(
        { principal: producer, resource: 'topic', name: topic, operation: 'write' },
        { principal: producer, resource: 'topic', name: topic, operation: 'create' },
      );
    }
    for (const consumer of contract.consumers) {
      const deadLetters = name(deadLetterTopic(consumer, contract.topic));
      grants.push(
        { principal: consumer, resource: 'topic', name: topic, operation: 'read' },
        { principal: consumer, resource: 'topic', name: topic, operation: 'create' },
        {
          principal: consumer,
          resource: 'group',
          name: name(consumerGroup(consumer, contract.topic)),
          operation: 'read',
        },
        { principal: consumer, resource: 'topic', name: deadLetters, operation: 'write' },
        { principal: consumer, resource: 'topic', name: deadLetters, operation: 'create' },
        { principal: consumer, resource: 'topic', name: deadLetters, operation: 'read' },
        {
          principal: consumer,
          resource: 'group',
          name: name(deadLetterReaderGroupPrefix(consumer)),
          operation: 'read',
          pattern: 'prefixed',
        },
      );
    }
  }
  return dedupe(grants);
}

function dedupe(grants: KafkaGrant[]): KafkaGrant[] {
  const seen = new Map<string, KafkaGrant>();
  for (const grant of grants) {
    seen.set(`${grant.principal}|${grant.resource}|${grant.name}|${grant.operation}|${grant.pattern}`, grant);
  }
  return [...seen.values()];
}
