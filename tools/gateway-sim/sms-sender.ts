import { Kafka, logLevel, type KafkaConfig, type Producer } from 'kafkajs';
import { SmsSent, type SmsSentEvent } from '@sms/contracts';

// Publishes sms.sent the way a gateway does: one event per message, keyed by account (per-account
// order), acknowledged by all in-sync replicas. A failed send is retried until it goes through: the
// ledger charges each message id once, so a repeat is harmless and a loss is not.
export class SmsSender {
  private readonly producer: Producer;
  private connected = false;

  constructor(
    private readonly options: {
      brokers: string[];
      topicPrefix: string;
      retryForMs?: number;
      // The gateway's own principal: the only one allowed to write sms.sent.
      security?: Pick<KafkaConfig, 'sasl' | 'ssl'>;
    },
  ) {
    const kafka = new Kafka({
      clientId: 'sms-gateway-sim',
      brokers: options.brokers,
      ...options.security,
      logLevel: logLevel.NOTHING,
    });
    this.producer = kafka.producer({ allowAutoTopicCreation: true });
  }

  get topic(): string {
    return `${this.options.topicPrefix}${SmsSent.topic}`;
  }

  async send(events: readonly SmsSentEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    const deadline = Date.now() + (this.options.retryForMs ?? 180_000);
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (!this.connected) {
          await this.producer.connect();
          this.connected = true;
        }
        await this.producer.send({
          topic: this.topic,
          acks: -1,
          messages: events.map((event) => ({ key: event.accountId, value: JSON.stringify(event) })),
        });
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw error;
        }
        await new Promise((done) => setTimeout(done, Math.min(2_000, 100 * 2 ** attempt)));
      }
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
