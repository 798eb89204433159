import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class MessagingMetrics {
  readonly processed: Counter<'topic'>;
  readonly deadLettered: Counter<'topic'>;
  readonly retries: Counter<'topic'>;
  readonly lag: Gauge<'topic' | 'partition'>;
  readonly batchSeconds: Histogram<'topic'>;
  readonly outboxPublished: Counter<'topic'>;
  readonly outboxPending: Gauge;

  constructor(registry: Registry) {
    this.processed = new Counter({
      name: 'kafka_events_processed_total',
      help: 'Events handled and committed, by topic',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'kafka_events_dead_lettered_total',
      help: 'Events sent to a dead-letter topic, by source topic',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'kafka_batch_retries_total',
      help: 'Batches retried after a transient fault',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.lag = new Gauge({
      name: 'kafka_consumer_lag',
      help: 'Messages behind the end of the partition, measured at each batch',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    });
    this.batchSeconds = new Histogram({
      name: 'kafka_batch_duration_seconds',
      help: 'Time to handle and commit one batch',
      labelNames: ['topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.outboxPublished = new Counter({
      name: 'outbox_events_published_total',
      help: 'Events published from the transactional outbox',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.outboxPending = new Gauge({
      name: 'outbox_events_pending',
      help: 'Events written to the outbox and not yet published, at the last relay pass',
      registers: [registry],
    });
  }
}
