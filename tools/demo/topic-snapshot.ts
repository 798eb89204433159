import { Kafka, logLevel, type SASLOptions } from 'kafkajs';

export interface TopicRecord<T = unknown> {
  key: string | null;
  value: T | null;
  raw: string | null;
  headers: Record<string, string>;
}

// Everything a topic holds right now: reads from the beginning up to the high watermarks taken when
// called. A topic that does not exist yet is empty.
export async function topicSnapshot<T = unknown>(options: {
  brokers: string;
  topic: string;
  timeoutMs?: number;
  // An admin's: a snapshot reads topics no single service reads.
  sasl?: SASLOptions;
}): Promise<TopicRecord<T>[]> {
  const kafka = new Kafka({
    clientId: 'topic-snapshot',
    brokers: options.brokers.split(','),
    sasl: options.sasl,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(options.topic)) {
      return [];
    }
    const offsets = await admin.fetchTopicOffsets(options.topic);
    ends = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
  const starts = new Map<number, bigint>();
  const remaining = new Set([...ends].filter(([, high]) => high > 0n).map(([partition]) => partition));
  const records: TopicRecord<T>[] = [];
  if (remaining.size === 0) {
    return records;
  }
  const consumer = kafka.consumer({
    groupId: `snapshot-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `reading ${options.topic} did not reach its end within ${options.timeoutMs ?? 30_000} ms`,
            ),
          ),
        options.timeoutMs ?? 30_000,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const offset = BigInt(message.offset);
          const end = ends.get(partition) ?? 0n;
          // A rebalance can replay records; each offset counts once.
          if (offset >= end || offset < (starts.get(partition) ?? 0n)) {
            return;
          }
          starts.set(partition, offset + 1n);
          const raw = message.value?.toString() ?? null;
          records.push({
            key: message.key?.toString() ?? null,
            raw,
            value: parse<T>(raw),
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString() ?? '']),
            ),
          });
          if (offset + 1n >= end) {
            remaining.delete(partition);
          }
          if (remaining.size === 0) {
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

function parse<T>(raw: string | null): T | null {
  if (raw === null) {
    return null;
  }
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}
