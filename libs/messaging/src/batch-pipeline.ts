import { Logger } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { backoffDelayMs } from '@sms/retry';
import { applyBatch, TRANSIENT_RETRY_BACKOFF } from './batch-applier';
import { decodeChunk, type DecodedChunk } from './batch-decoder';
import type { DiscoveredBatchHandler } from './batch-handler.discovery';
import { chunks } from './chunks';
import type { DeadLetterPublisher } from './dead-letter.publisher';
import type { Rejection } from './inbound-event';
import type { MessagingMetrics } from './messaging.metrics';

interface InFlightChunk {
  decoded: DecodedChunk;
  timer: () => void;
  // Settles, never rejects: a failure waits as a value until the chunk's turn to be committed.
  outcome: Promise<{ rejected: Rejection[] } | { error: unknown }>;
}

class ShutdownInterruption extends Error {}

// Longest sleep between two heartbeats while a transient retry waits.
const HEARTBEAT_SLICE_MS = 500;

export interface BatchPipelineOptions {
  route: DiscoveredBatchHandler;
  orm: MikroORM;
  deadLetters: DeadLetterPublisher;
  metrics: MessagingMetrics;
  isStopping: () => boolean;
  // A chunk's offsets were committed: the topic's consumer is demonstrably working.
  committed: () => void;
}

// One Kafka batch of a route's topic, cut into chunks of at most maxBatchSize: up to maxInFlight chunks
// are handled at once while the next is decoded, and offsets move past each chunk, strictly in order,
// only after its transaction committed and its dead letters were published.
export class BatchPipeline {
  private readonly logger = new Logger(BatchPipeline.name);

  constructor(private readonly options: BatchPipelineOptions) {}

  async process(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { route, metrics } = this.options;
    const { batch } = payload;
    metrics.lag.set(
      { topic: route.contract.topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
    const pending = chunks(batch.messages, route.maxBatchSize);
    if (pending.length === 0) {
      return;
    }
    const decode = (chunk: KafkaMessage[]): Promise<DecodedChunk> =>
      decodeChunk({ contract: route.contract, partition: batch.partition, chunk });
    const inFlight: InFlightChunk[] = [];
    try {
      let next = decode(pending[0]);
      for (let i = 0; i < pending.length; i++) {
        const decoded = await next;
        if (!payload.isRunning() || payload.isStale()) {
          break;
        }
        inFlight.push(this.start(decoded, payload));
        // The next chunk is decoded while this one's transaction runs: the event loop is otherwise
        // idle while PostgreSQL works.
        if (i + 1 < pending.length) {
          next = decode(pending[i + 1]);
        }
        if (inFlight.length >= route.maxInFlight && !(await this.settleOldest(consumer, payload, inFlight))) {
          return;
        }
      }
      while (inFlight.length > 0) {
        if (!(await this.settleOldest(consumer, payload, inFlight))) {
          return;
        }
      }
    } finally {
      // A failure leaves no handler running behind the consumer's back.
      await Promise.all(inFlight.map((chunk) => chunk.outcome));
    }
  }

  private start(decoded: DecodedChunk, payload: EachBatchPayload): InFlightChunk {
    const { route, orm, metrics } = this.options;
    const timer = metrics.batchSeconds.startTimer({ topic: route.contract.topic });
    const handling =
      decoded.events.length > 0
        ? applyBatch(
            {
              handler: route.handler,
              run: (call) => RequestContext.create(orm.em, call),
              waitBeforeRetry: (attempt, error) => this.waitBeforeRetry(payload, attempt, error),
            },
            decoded.events,
          )
        : Promise.resolve([]);
    return {
      decoded,
      timer,
      outcome: handling.then(
        (rejected) => ({ rejected }),
        (error: unknown) => ({ error }),
      ),
    };
  }

  // Waits for the oldest chunk in flight and moves the committed offset past it. Returns false when the
  // handler was interrupted by shutdown and nothing more should be committed.
  private async settleOldest(
    consumer: Consumer,
    payload: EachBatchPayload,
    inFlight: InFlightChunk[],
  ): Promise<boolean> {
    const { route, deadLetters, metrics } = this.options;
    const { decoded, timer, outcome } = inFlight[0];
    const result = await outcome;
    if ('error' in result) {
      if (result.error instanceof ShutdownInterruption) {
        return false;
      }
      throw result.error;
    }
    inFlight.shift();
    const { chunk, letters, messageOf } = decoded;
    for (const { event, reason } of result.rejected) {
      letters.push({ message: messageOf.get(event) as KafkaMessage, reason });
    }
    const { batch } = payload;
    // Dead letters are safely on their topic before the offsets move past them.
    await deadLetters.publish({ topic: route.contract.topic, partition: batch.partition }, letters);
    const last = chunk[chunk.length - 1].offset;
    await consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    payload.resolveOffset(last);
    this.options.committed();
    metrics.processed.inc({ topic: route.contract.topic }, chunk.length - letters.length);
    timer();
    await payload.heartbeat();
    return true;
  }

  // Heartbeats while waiting, so the group keeps the partition with the consumer that is retrying it.
  private async waitBeforeRetry(payload: EachBatchPayload, attempt: number, error: unknown): Promise<void> {
    const { route, metrics, isStopping } = this.options;
    metrics.retries.inc({ topic: route.contract.topic });
    const delay = backoffDelayMs({ attempt, ...TRANSIENT_RETRY_BACKOFF });
    this.logger.warn({
      message: 'transient failure, retrying batch',
      topic: route.contract.topic,
      attempt,
      delayMs: delay,
      error: (error as Error).message,
    });
    const until = Date.now() + delay;
    while (Date.now() < until) {
      if (isStopping() || !payload.isRunning()) {
        throw new ShutdownInterruption();
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(HEARTBEAT_SLICE_MS, until - Date.now())));
      await payload.heartbeat().catch(() => undefined);
    }
  }
}
