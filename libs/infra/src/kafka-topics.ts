import { Kafka, logLevel } from 'kafkajs';
import {
  deadLetterTopic,
  DEFAULT_SMS_SENT_PARTITIONS,
  DEFAULT_TOPIC_PARTITIONS,
  partitionsFor,
  Topics,
  type TopicPartitions,
} from '@sms/contracts';
import { KAFKA_ADMIN, saslFor, type KafkaCredentials } from './kafka-credentials';

// The partition counts the apps create topics with (KAFKA_SMS_SENT_PARTITIONS, KAFKA_TOPIC_PARTITIONS),
// so a topic created here is the same as one an app or the broker's auto-creation would have made.
export function topicPartitionsFrom(env: NodeJS.ProcessEnv = process.env): TopicPartitions {
  const count = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') {
      return fallback;
    }
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > 1000) {
      throw new Error(`${name} must be a whole number from 1 to 1000, not ${value}`);
    }
    return parsed;
  };
  return {
    smsSent: count('KAFKA_SMS_SENT_PARTITIONS', DEFAULT_SMS_SENT_PARTITIONS),
    other: count('KAFKA_TOPIC_PARTITIONS', DEFAULT_TOPIC_PARTITIONS),
  };
}

/**
 * Creates every catalogue topic (and the given services' dead-letter topics) under the prefix that
 * does not exist yet, with its configured partitions, and waits until each partition has a leader.
 * A producer that writes first (the gateway) would otherwise get the broker's `num.partitions`, and
 * kafkajs's createTopics({ waitForLeaders }) can fail on a fresh KRaft broker while the new topic's
 * metadata is a moment late (tulios/kafkajs#815), so leaders are polled here instead.
 */
export async function createCatalogueTopics(options: {
  brokers: string;
  credentials?: KafkaCredentials;
  topicPrefix: string;
  partitions: TopicPartitions;
  deadLetterServices?: readonly string[];
}): Promise<{ created: number }> {
  const wanted = Object.values(Topics).flatMap((topic) => [
    { name: `${options.topicPrefix}${topic}`, partitions: partitionsFor(topic, options.partitions) },
    ...(options.deadLetterServices ?? []).map((service) => ({
      name: `${options.topicPrefix}${deadLetterTopic(service, topic)}`,
      partitions: options.partitions.other,
    })),
  ]);
  const admin = new Kafka({
    clientId: 'sms-infra-topics',
    brokers: options.brokers.split(','),
    sasl: options.credentials && saslFor(options.credentials, KAFKA_ADMIN),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((topic) => ({ topic: topic.name, numPartitions: topic.partitions })),
      });
    }
    const names = wanted.map((topic) => topic.name);
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: names });
        if (topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) {
          return { created: missing.length };
        }
      } catch (error) {
        if (Date.now() > deadline) {
          throw error;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`topics under "${options.topicPrefix}" still have no leaders after 60 s`);
      }
      await new Promise((done) => setTimeout(done, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
