import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { DEFAULT_SMS_SENT_PARTITIONS, DEFAULT_TOPIC_PARTITIONS, partitionsFor } from '@sms/contracts';
import { retryWhileBrokerSettles } from './broker-settling-retry';
import { kafkaLogLevel } from './kafka-log-level';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

// One Kafka client, one idempotent producer and one admin per app, shared by the consumer runtime,
// the outbox relay and the dead-letter publisher.
@Injectable()
export class KafkaConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Kafka');
  readonly kafka: Kafka;
  private producerReady?: Promise<Producer>;
  private adminReady?: Promise<Admin>;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...options.security,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.log(entry),
      retry: { initialRetryTime: 300, retries: 8 },
    });
  }

  topic(name: string): string {
    return `${this.options.topicPrefix}${name}`;
  }

  producer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      // Idempotent with one request in flight: the broker drops retried duplicates and keeps order.
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        createPartitioner: Partitioners.DefaultPartitioner,
        // An idempotent producer retries until the broker answers; giving up could reorder events.
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5_000 },
      });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producerReady = undefined;
      throw error;
    });
    return this.producerReady;
  }

  admin(): Promise<Admin> {
    this.adminReady ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.adminReady = undefined;
      throw error;
    });
    return this.adminReady;
  }

  // Creating topics on a freshly started broker sometimes fails while partition leaders are still
  // being elected ("does not host this topic-partition"); the next attempt succeeds.
  async ensureTopics(names: string[]): Promise<void> {
    await retryWhileBrokerSettles(
      {
        retryable: () => true,
        onRetry: (attempt, error) =>
          this.logger.warn({
            message: 'creating topics failed; retrying',
            attempt,
            error: (error as Error).message,
          }),
      },
      async () => {
        const admin = await this.admin();
        const existing = new Set(await admin.listTopics());
        const missing = names.filter((name) => !existing.has(name));
        if (missing.length > 0) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({
              topic,
              numPartitions: partitionsFor(
                topic.slice(this.options.topicPrefix.length),
                this.options.partitions ?? {
                  smsSent: DEFAULT_SMS_SENT_PARTITIONS,
                  other: DEFAULT_TOPIC_PARTITIONS,
                },
              ),
            })),
          });
        }
      },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const producer = await this.producerReady?.catch(() => undefined);
    const admin = await this.adminReady?.catch(() => undefined);
    await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
  }

  private log({ level, log }: LogEntry): void {
    const { message, ...extra } = log;
    const entry = { message: `kafkajs: ${message}`, ...extra };
    switch (kafkaLogLevel({ level, error: extra.error })) {
      case 'error':
        this.logger.error(entry);
        break;
      case 'warn':
        this.logger.warn(entry);
        break;
      case 'debug':
        this.logger.debug(entry);
        break;
    }
  }
}
