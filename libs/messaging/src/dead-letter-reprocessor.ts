import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { decodeEvent, deadLetterReaderGroupPrefix } from '@sms/contracts';
import { BatchHandlerDiscovery, DiscoveredBatchHandler } from './batch-handler.discovery';
import { DeadLetterPublisher, DLQ_HEADERS } from './dead-letter.publisher';
import { DeadLetterRecord, readDeadLetters } from './dead-letter-replay';
import type { InboundEvent } from './inbound-event';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { isTransientError } from './transient-error';

export interface DeadLetterTopicSummary {
  // The topic the events were consumed from, without the environment prefix.
  topic: string;
  deadLetterTopic: string;
  count: number;
}

export interface DeadLetterView {
  partition: number;
  offset: string;
  reason: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  failedAt: string;
  key: string | null;
  // The event as it arrived, as text (it may not be valid JSON: that can be why it is here).
  payload: string;
}

export type ReplayOutcome =
  | { partition: number; offset: string; outcome: 'applied' }
  | { partition: number; offset: string; outcome: 'failed'; reason: string };

// Re-processes dead letters inside the service that dead-lettered them: each record goes through the
// service's own handler for the original topic, with the same decoding, inbox and transaction as a
// delivery from Kafka. Nothing is re-published, so no service needs write access to topics it does
// not produce; a record that fails again simply stays where it is, and one that applied is a no-op
// when replayed again because the handler's inbox has already claimed it.
@Injectable()
export class DeadLetterReprocessor {
  private readonly logger = new Logger(DeadLetterReprocessor.name);

  constructor(
    private readonly handlers: BatchHandlerDiscovery,
    private readonly connection: KafkaConnection,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly orm: MikroORM,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  handles(topic: string): boolean {
    return this.handlers.forTopic(topic) !== undefined;
  }

  async summary(): Promise<DeadLetterTopicSummary[]> {
    const admin = await this.connection.admin();
    const existing = new Set(await admin.listTopics());
    const summaries: DeadLetterTopicSummary[] = [];
    for (const { contract } of this.handlers.handlers()) {
      const deadLetterTopic = this.deadLetters.topicFor(contract.topic);
      const offsets = existing.has(deadLetterTopic) ? await admin.fetchTopicOffsets(deadLetterTopic) : [];
      const count = offsets.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
      summaries.push({ topic: contract.topic, deadLetterTopic, count });
    }
    return summaries.sort((a, b) => a.topic.localeCompare(b.topic));
  }

  // Dead-letter topics stay small (each record is a fault someone looks at), so a page is cut from
  // one full read rather than by seeking per partition.
  async page(
    topic: string,
    page: { skip: number; take: number },
  ): Promise<{ items: DeadLetterView[]; total: number }> {
    const records = await this.read(topic);
    return { items: records.slice(page.skip, page.skip + page.take).map(toView), total: records.length };
  }

  async replay(options: {
    topic: string;
    // One record (its position on the dead-letter topic), or all when absent.
    only?: { partition: number; offset: string };
    operator: string;
  }): Promise<ReplayOutcome[] | undefined> {
    const route = this.handlers.forTopic(options.topic);
    if (!route) {
      return undefined;
    }
    const { only } = options;
    const records = (await this.read(options.topic)).filter(
      (r) => !only || (r.partition === only.partition && r.offset === only.offset),
    );
    if (only && records.length === 0) {
      return undefined;
    }
    const outcomes: ReplayOutcome[] = [];
    for (const record of records) {
      const outcome = await this.reprocess(route, record);
      // The audit trail of replays: who re-processed which dead letter, and how it went.
      this.logger.log({
        message: 'dead letter replayed',
        deadLetterTopic: this.deadLetters.topicFor(options.topic),
        partition: record.partition,
        offset: record.offset,
        outcome: outcome.outcome,
        reason: outcome.outcome === 'failed' ? outcome.reason : undefined,
        operator: options.operator,
      });
      outcomes.push(outcome);
    }
    return outcomes;
  }

  private read(topic: string): Promise<DeadLetterRecord[]> {
    return readDeadLetters(
      this.connection.kafka,
      this.deadLetters.topicFor(topic),
      this.connection.topic(deadLetterReaderGroupPrefix(this.options.service)),
    );
  }

  private async reprocess(route: DiscoveredBatchHandler, record: DeadLetterRecord): Promise<ReplayOutcome> {
    const at = { partition: record.partition, offset: record.offset };
    const decoded = decodeEvent(route.contract, record.value);
    if (!decoded.ok) {
      return { ...at, outcome: 'failed', reason: decoded.reason };
    }
    const event: InboundEvent<unknown> = {
      payload: decoded.payload,
      key: record.key,
      topic: route.contract.topic,
      partition: Number(record.headers[DLQ_HEADERS.partition] ?? record.partition),
      offset: record.headers[DLQ_HEADERS.offset] ?? record.offset,
      timestamp: record.timestamp,
    };
    try {
      const result = await RequestContext.create(this.orm.em, () => route.handler([event]));
      const rejected = result?.rejected?.find((r) => r.event === event) ?? result?.rejected?.[0];
      return rejected ? { ...at, outcome: 'failed', reason: rejected.reason } : { ...at, outcome: 'applied' };
    } catch (error) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const reason = isTransientError(error)
        ? `transient failure, try again later: ${text}`
        : `handler failed: ${text}`;
      return { ...at, outcome: 'failed', reason: reason.length > 500 ? `${reason.slice(0, 500)}…` : reason };
    }
  }
}

function toView(record: DeadLetterRecord): DeadLetterView {
  return {
    partition: record.partition,
    offset: record.offset,
    reason: record.headers[DLQ_HEADERS.reason] ?? '',
    originalTopic: record.headers[DLQ_HEADERS.topic] ?? '',
    originalPartition: Number(record.headers[DLQ_HEADERS.partition] ?? -1),
    originalOffset: record.headers[DLQ_HEADERS.offset] ?? '',
    failedAt: record.headers[DLQ_HEADERS.failedAt] ?? '',
    key: record.key,
    payload: record.value?.toString('utf8') ?? '',
  };
}
