import { Kafka, logLevel } from 'kafkajs';
import type { KafkaSasl } from '@sms/infra';
import { uniqueName } from './isolation';
import { testKafkaSasl } from './kafka-access';

export interface ReadRecord {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

// Reads a topic from the beginning until `count` records arrived (or the timeout), for assertions on
// what a service actually published. Connects as the test broker's admin unless `sasl` says otherwise.
export async function readTopic(options: {
  brokers: string;
  topic: string;
  count: number;
  timeoutMs?: number;
  sasl?: KafkaSasl;
}): Promise<ReadRecord[]> {
  const kafka = new Kafka({
    clientId: 'test-reader',
    brokers: options.brokers.split(','),
    sasl: options.sasl ?? testKafkaSasl(),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  const records: ReadRecord[] = [];
  // A rebalance can hand the reader the same records again; each partition offset counts once.
  const seen = new Set<string>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.timeoutMs ?? 15_000);
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          if (seen.has(`${partition}:${message.offset}`)) {
            return;
          }
          seen.add(`${partition}:${message.offset}`);
          records.push({
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            partition,
            offset: message.offset,
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString() ?? '']),
            ),
          });
          if (records.length >= options.count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

// Writes raw bytes to a topic, as the test broker's admin unless `sasl` says otherwise.
export async function produceRaw(options: {
  brokers: string;
  topic: string;
  messages: { key?: string; value: string | null }[];
  sasl?: KafkaSasl;
}): Promise<void> {
  const kafka = new Kafka({
    clientId: 'test-producer',
    brokers: options.brokers.split(','),
    sasl: options.sasl ?? testKafkaSasl(),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  try {
    await producer.send({ topic: options.topic, acks: -1, messages: options.messages });
  } finally {
    await producer.disconnect();
  }
}
