import { readTopicToEnd } from '@sms/messaging';
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
  const topics = await admin.listTopics().finally(() => admin.disconnect());
  if (!topics.includes(options.topic)) {
    return [];
  }
  const records = await readTopicToEnd(kafka, {
    topic: options.topic,
    groupPrefix: 'snapshot',
    timeoutMs: options.timeoutMs,
  });
  return records.map(({ key, value, headers }) => {
    const raw = value?.toString() ?? null;
    return { key, raw, value: parse<T>(raw), headers };
  });
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
