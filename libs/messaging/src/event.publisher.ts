import { Injectable } from '@nestjs/common';
import { describeIssues, EventContract } from '@sms/contracts';
import { KafkaConnection } from './kafka-connection';

// Publishes straight to Kafka, for events that record no database change of this service (a
// payment provider's webhook, a simulator). Changes to a service's own data go through the Outbox.
@Injectable()
export class EventPublisher {
  constructor(private readonly connection: KafkaConnection) {}

  async publish<T>(contract: EventContract<T>, payloads: readonly T[]): Promise<void> {
    const messages = payloads.map((payload) => {
      const checked = contract.schema.safeParse(payload);
      if (!checked.success) {
        throw new Error(`Refusing to publish an invalid ${contract.topic}: ${describeIssues(checked.error)}`);
      }
      return { key: contract.key(checked.data), value: JSON.stringify(checked.data) };
    });
    const producer = await this.connection.producer();
    await producer.send({ topic: this.connection.topic(contract.topic), acks: -1, messages });
  }
}
