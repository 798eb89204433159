import type { IHeaders, Kafka } from 'kafkajs';
import { DLQ_HEADERS } from './dead-letter.publisher';
import { readTopicToEnd } from './topic-end-reader';

export interface DeadLetterRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

export const REPLAYED_FROM_HEADER = 'dlq-replayed-from';

// Reads a dead-letter topic from the beginning up to its end as of now (a throwaway consumer group
// that commits nothing), so an operator can inspect it or replay it. A service reads only through
// groups under its own reader prefix, the only groups its principal may join.
export async function readDeadLetters(
  kafka: Kafka,
  dlqTopic: string,
  groupPrefix = 'dlq-reader',
): Promise<DeadLetterRecord[]> {
  return readTopicToEnd(kafka, { topic: dlqTopic, groupPrefix, timeoutMs: 60_000 });
}

// Sends dead letters back to the topic they came from, unchanged but for a header naming where they
// were replayed from; consumers are idempotent, so replaying an event that did apply is harmless.
export async function replayDeadLetters(
  kafka: Kafka,
  options: { dlqTopic: string; topicPrefix?: string; filter?: (record: DeadLetterRecord) => boolean },
): Promise<number> {
  const records = (await readDeadLetters(kafka, options.dlqTopic)).filter(options.filter ?? (() => true));
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (const record of records) {
      const original = record.headers[DLQ_HEADERS.topic];
      if (!original) {
        throw new Error(
          `${options.dlqTopic} ${record.partition}:${record.offset} has no ${DLQ_HEADERS.topic} header`,
        );
      }
      const headers: IHeaders = Object.fromEntries(
        Object.entries(record.headers).filter(([name]) => !name.startsWith('dlq-')),
      );
      headers[REPLAYED_FROM_HEADER] = `${options.dlqTopic}/${record.partition}/${record.offset}`;
      await producer.send({
        topic: `${options.topicPrefix ?? ''}${original}`,
        acks: -1,
        messages: [{ key: record.key, value: record.value, headers }],
      });
    }
  } finally {
    await producer.disconnect();
  }
  return records.length;
}
