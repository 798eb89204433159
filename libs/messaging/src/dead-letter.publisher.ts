import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from '@sms/contracts';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { MessagingMetrics } from './messaging.metrics';

export interface DeadLetter {
  message: KafkaMessage;
  reason: string;
}

export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  group: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
  truncatedFrom: 'dlq-truncated-from-bytes',
} as const;

// Kafka's default limit is 1 MiB per request; stay well inside it.
const MAX_REQUEST_BYTES = 512 * 1024;
const MAX_VALUE_BYTES = 900 * 1024;

// Parks messages the service cannot process, unchanged, with why and where they came from, so they
// can be inspected and replayed while the partition keeps flowing.
@Injectable()
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);

  constructor(
    private readonly connection: KafkaConnection,
    private readonly metrics: MessagingMetrics,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  topicFor(topic: string): string {
    return this.connection.topic(deadLetterTopic(this.options.service, topic));
  }

  async publish(source: { topic: string; partition: number }, letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) {
      return;
    }
    const producer = await this.connection.producer();
    const failedAt = new Date().toISOString();
    const records = letters.map(({ message, reason }) => {
      const value =
        message.value && message.value.length > MAX_VALUE_BYTES
          ? message.value.subarray(0, MAX_VALUE_BYTES)
          : message.value;
      return {
        key: message.key,
        value,
        headers: {
          ...withoutDlqHeaders(message.headers),
          [DLQ_HEADERS.reason]: reason,
          [DLQ_HEADERS.topic]: source.topic,
          [DLQ_HEADERS.partition]: String(source.partition),
          [DLQ_HEADERS.offset]: message.offset,
          [DLQ_HEADERS.group]: this.options.service,
          [DLQ_HEADERS.failedAt]: failedAt,
          ...(value !== message.value ? { [DLQ_HEADERS.truncatedFrom]: String(message.value?.length) } : {}),
        },
      };
    });
    // A batch of hostile, oversized messages must not become one request the broker refuses.
    for (const request of bySize(records, MAX_REQUEST_BYTES)) {
      await producer.send({ topic: this.topicFor(source.topic), acks: -1, messages: request });
    }
    this.metrics.deadLettered.inc({ topic: source.topic }, letters.length);
    for (const { message, reason } of letters.slice(0, 10)) {
      this.logger.warn({
        message: 'event dead-lettered',
        topic: source.topic,
        partition: source.partition,
        offset: message.offset,
        reason,
      });
    }
  }
}

function bySize<T extends { key: Buffer | null; value: Buffer | null }>(records: T[], limit: number): T[][] {
  const requests: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const record of records) {
    const bytes = (record.key?.length ?? 0) + (record.value?.length ?? 0) + 512;
    if (current.length > 0 && size + bytes > limit) {
      requests.push(current);
      current = [];
      size = 0;
    }
    current.push(record);
    size += bytes;
  }
  if (current.length > 0) {
    requests.push(current);
  }
  return requests;
}

function withoutDlqHeaders(headers: IHeaders | undefined): IHeaders {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !name.startsWith('dlq-')));
}
