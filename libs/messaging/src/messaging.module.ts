import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { SchedulingModule } from '@sms/scheduling';
import { BatchHandlerDiscovery } from './batch-handler.discovery';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { DeadLetterReprocessor } from './dead-letter-reprocessor';
import { Inbox } from './inbox';
import { KafkaBatchServer } from './kafka-batch.server';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { MessagingMetrics } from './messaging.metrics';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox.relay';

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule, SchedulingModule.forRoot()],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        KafkaConnection,
        MessagingMetrics,
        DeadLetterPublisher,
        KafkaBatchServer,
        Outbox,
        OutboxRelay,
        Inbox,
        BatchHandlerDiscovery,
        DeadLetterReprocessor,
      ],
      exports: [
        KafkaConnection,
        KafkaBatchServer,
        Outbox,
        OutboxRelay,
        Inbox,
        DeadLetterPublisher,
        DeadLetterReprocessor,
      ],
    };
  }
}
