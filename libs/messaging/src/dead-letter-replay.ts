import type { IHeaders, Kafka } from 'kafkajs';
import { DLQ_HEADERS } from './dead-letter.publisher';

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
  groupPrefix = 'dlq-reader-',
): Promise<DeadLetterRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(dlqTopic).finally(() => admin.disconnect());
  const remaining = new Map(
    ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)] as const),
  );
  const records: DeadLetterRecord[] = [];
  if (remaining.size === 0) {
    return records;
  }
  const consumer = kafka.consumer({
    groupId: `${groupPrefix}${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: dlqTopic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out reading ${dlqTopic}`)), 60_000);
      // A reader that may not read the topic (no ACL) crashes at once: say so rather than time out.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        clearTimeout(timer);
        reject(payload.error);
      });
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const end = remaining.get(partition);
          if (end === undefined || BigInt(message.offset) >= end) {
            return;
          }
          records.push({
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value,
            headers: textHeaders(message.headers),
            timestamp: message.timestamp,
          });
          if (BigInt(message.offset) + 1n >= end) {
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
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
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

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) {
      result[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
    }
  }
  return result;
}
