import type { IHeaders, Kafka } from 'kafkajs';

export interface TopicRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

// Reads a topic from the beginning up to its end as of the call, in a throwaway consumer group that
// commits nothing: for inspecting what a topic holds (dead letters, events a story published).
// `groupPrefix` names the group, so a principal's prefixed ACL on groups still applies.
export async function readTopicToEnd(
  kafka: Kafka,
  options: { topic: string; groupPrefix: string; timeoutMs?: number },
): Promise<TopicRecord[]> {
  const { topic } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  // Only partitions holding records now; records arriving later are not waited for.
  const remaining = new Map(
    offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)] as const),
  );
  const records: TopicRecord[] = [];
  if (remaining.size === 0) {
    return records;
  }
  const ends = new Map(remaining);
  const next = new Map<number, bigint>();
  const consumer = kafka.consumer({
    groupId: `${options.groupPrefix}-${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2)}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topic} did not reach its end within ${timeoutMs} ms`)),
        timeoutMs,
      );
      // A reader that may not read the topic (no ACL) crashes at once: say so rather than time out.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        clearTimeout(timer);
        reject(payload.error);
      });
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const offset = BigInt(message.offset);
          const end = ends.get(partition);
          // A rebalance can hand the same records over again; each offset counts once.
          if (end === undefined || offset >= end || offset < (next.get(partition) ?? 0n)) {
            return;
          }
          next.set(partition, offset + 1n);
          records.push({
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value,
            headers: textHeaders(message.headers),
            timestamp: message.timestamp,
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
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
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
