import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { Batch, Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { consumerGroup, decodeEvent } from '@sms/contracts';
import { ReadinessRegistry } from '@sms/observability';
import { BATCH_HANDLER, BatchHandlerMetadata } from './batch-handler.decorator';
import { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import type { BatchHandlerFn, InboundEvent } from './inbound-event';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { MessagingMetrics } from './messaging.metrics';
import { isTransientError } from './transient-error';

interface Route extends BatchHandlerMetadata {
  handler: BatchHandlerFn<unknown>;
  name: string;
}

const MAX_BACKOFF_MS = 10_000;
// Messages decoded between two yields to the event loop: about a millisecond of work.
const DECODE_SLICE = 200;

interface DecodedChunk {
  chunk: KafkaMessage[];
  events: InboundEvent<unknown>[];
  letters: DeadLetter[];
  messageOf: Map<InboundEvent<unknown>, KafkaMessage>;
}

type Rejected = { event: InboundEvent<unknown>; reason: string }[];

interface InFlightChunk {
  decoded: DecodedChunk;
  timer: () => void;
  // Settles, never rejects: a failure waits as a value until the chunk's turn to be committed.
  outcome: Promise<{ rejected: Rejected } | { error: unknown }>;
}

class ShutdownInterruption extends Error {}

// The Kafka side of each hybrid app: one consumer group per handled topic, whole batches handed to
// the handler, offsets committed only after the handler's transaction committed. A crash before the
// offset commit means redelivery (handlers are idempotent), never loss.
@Injectable()
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaBatchServer.name);
  private readonly consumers: Consumer[] = [];
  // Topics whose consumer crashed and has not committed a batch since: the app is not ready.
  private readonly crashed = new Map<string, string>();
  private stopping = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly connection: KafkaConnection,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: MessagingMetrics,
    private readonly orm: MikroORM,
    readiness: ReadinessRegistry,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    super();
    readiness.register({
      name: 'kafka',
      check: async () => {
        await (await this.connection.admin()).describeCluster();
        if (this.crashed.size > 0) {
          const [topic, reason] = [...this.crashed][0];
          throw new Error(`consumer of ${topic} crashed (${reason}) and has not recovered yet`);
        }
      },
    });
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const routes = this.discoverRoutes();
      await this.connection.ensureTopics(
        routes.flatMap((r) => [
          this.connection.topic(r.contract.topic),
          this.deadLetters.topicFor(r.contract.topic),
        ]),
      );
      for (const route of routes) {
        this.consumers.push(await this.startWithRetry(route));
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  // Graceful shutdown: kafkajs waits for the batch in flight, whose offsets we commit ourselves.
  async close(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.consumers.map((consumer) => consumer.disconnect()));
    this.consumers.length = 0;
  }

  on(): void {
    // No transport-level events to subscribe to.
  }

  unwrap<T>(): T {
    return this.consumers as T;
  }

  private discoverRoutes(): Route[] {
    const routes: Route[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) {
        continue;
      }
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const target = (instance as Record<string, unknown>)[method];
        if (typeof target !== 'function') {
          continue;
        }
        const metadata = this.reflector.get<BatchHandlerMetadata | undefined>(BATCH_HANDLER, target);
        if (metadata) {
          routes.push({
            ...metadata,
            handler: (target as BatchHandlerFn<unknown>).bind(instance),
            name: `${instance.constructor.name}.${method}`,
          });
        }
      }
    }
    const topics = routes.map((r) => r.contract.topic);
    const duplicate = topics.find((topic, i) => topics.indexOf(topic) !== i);
    if (duplicate) {
      throw new Error(`Two batch handlers consume ${duplicate}; a topic has one handler per service`);
    }
    return routes;
  }

  private async startConsumer(route: Route): Promise<Consumer> {
    const topic = this.connection.topic(route.contract.topic);
    const consumer = this.connection.kafka.consumer({
      groupId: this.connection.topic(consumerGroup(this.options.service, route.contract.topic)),
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.floor((this.options.sessionTimeoutMs ?? 30_000) / 10),
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxWaitTimeInMs: 100,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.crashed.set(route.contract.topic, payload.error.message);
      this.logger.error({
        message: 'consumer crashed',
        topic,
        error: payload.error.message,
        restarting: payload.restart,
      });
      // kafkajs restarts only after retriable errors; after a broker restart, a commit can fail
      // with a non-retriable "unknown member" and leave the group without a member for good.
      if (!payload.restart && !this.stopping) {
        this.replaceConsumer(route, consumer, 1);
      }
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.crashed.delete(route.contract.topic);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.processBatch(route, consumer, payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.logger.log({ message: 'consuming', topic, handler: route.name });
    return consumer;
  }

  // Right after topics are created, a fresh broker may still answer "does not host this
  // topic-partition" to the subscription's metadata request; that passes within seconds.
  private async startWithRetry(route: Route): Promise<Consumer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startConsumer(route);
      } catch (error) {
        if (attempt >= 10 || !isTransientError(error)) {
          throw error;
        }
        this.logger.warn({
          message: 'starting consumer failed; retrying',
          topic: route.contract.topic,
          attempt,
        });
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  // Starts a fresh consumer in place of one kafkajs gave up on; the redelivered batch is harmless
  // because handlers are idempotent.
  private replaceConsumer(route: Route, dead: Consumer, attempt: number): void {
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt - 1, 4));
    setTimeout(() => {
      void (async () => {
        if (this.stopping) {
          return;
        }
        await dead.disconnect().catch(() => undefined);
        try {
          const fresh = await this.startConsumer(route);
          const index = this.consumers.indexOf(dead);
          this.consumers.splice(index >= 0 ? index : this.consumers.length, index >= 0 ? 1 : 0, fresh);
          this.logger.warn({
            message: 'consumer replaced after a crash',
            topic: route.contract.topic,
            attempt,
          });
        } catch (error) {
          this.logger.error({
            message: 'could not replace crashed consumer; retrying',
            topic: route.contract.topic,
            attempt,
            error: (error as Error).message,
          });
          this.replaceConsumer(route, dead, attempt + 1);
        }
      })();
    }, delay);
  }

  private async processBatch(route: Route, consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    this.metrics.lag.set(
      { topic: route.contract.topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
    const pending = chunks(batch.messages, route.maxBatchSize);
    if (pending.length === 0) {
      return;
    }
    const inFlight: InFlightChunk[] = [];
    try {
      let next = this.decodeChunk(route, batch, pending[0]);
      for (let i = 0; i < pending.length; i++) {
        const decoded = await next;
        if (!payload.isRunning() || payload.isStale()) {
          break;
        }
        inFlight.push(this.startChunk(route, decoded, payload));
        // The next chunk is decoded while this one's transaction runs: the event loop is otherwise
        // idle while PostgreSQL works.
        if (i + 1 < pending.length) {
          next = this.decodeChunk(route, batch, pending[i + 1]);
        }
        if (
          inFlight.length >= route.maxInFlight &&
          !(await this.settleChunk(route, consumer, payload, inFlight))
        ) {
          return;
        }
      }
      while (inFlight.length > 0) {
        if (!(await this.settleChunk(route, consumer, payload, inFlight))) {
          return;
        }
      }
    } finally {
      // A failure leaves no handler running behind the consumer's back.
      await Promise.all(inFlight.map((chunk) => chunk.outcome));
    }
  }

  private startChunk(route: Route, decoded: DecodedChunk, payload: EachBatchPayload): InFlightChunk {
    const timer = this.metrics.batchSeconds.startTimer({ topic: route.contract.topic });
    const handling =
      decoded.events.length > 0 ? this.handleWithRetry(route, decoded.events, payload) : Promise.resolve([]);
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
  private async settleChunk(
    route: Route,
    consumer: Consumer,
    payload: EachBatchPayload,
    inFlight: InFlightChunk[],
  ): Promise<boolean> {
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
    await this.deadLetters.publish({ topic: route.contract.topic, partition: batch.partition }, letters);
    const last = chunk[chunk.length - 1].offset;
    await consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    payload.resolveOffset(last);
    this.crashed.delete(route.contract.topic);
    this.metrics.processed.inc({ topic: route.contract.topic }, chunk.length - letters.length);
    timer();
    await payload.heartbeat();
    return true;
  }

  // Decodes in slices, yielding to the event loop between them, so a batch handler running meanwhile
  // is never held up by more than one slice.
  private async decodeChunk(route: Route, batch: Batch, chunk: KafkaMessage[]): Promise<DecodedChunk> {
    const decoded: DecodedChunk = { chunk, events: [], letters: [], messageOf: new Map() };
    for (let i = 0; i < chunk.length; i++) {
      if (i > 0 && i % DECODE_SLICE === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      const message = chunk[i];
      const result = decodeEvent(route.contract, message.value);
      if (result.ok) {
        const event = toInboundEvent(route.contract.topic, batch, message, result.payload);
        decoded.events.push(event);
        decoded.messageOf.set(event, message);
      } else {
        decoded.letters.push({ message, reason: result.reason });
      }
    }
    return decoded;
  }

  // Transient faults are retried with backoff for as long as it takes. Any other failure is a
  // property of some message: the batch is split to find it, and only that message is dead-lettered.
  private async handleWithRetry(
    route: Route,
    events: InboundEvent<unknown>[],
    payload: EachBatchPayload,
  ): Promise<{ event: InboundEvent<unknown>; reason: string }[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await RequestContext.create(this.orm.em, () => route.handler(events));
        return [...(outcome?.rejected ?? [])];
      } catch (error) {
        if (isTransientError(error)) {
          this.metrics.retries.inc({ topic: route.contract.topic });
          const delay = Math.min(MAX_BACKOFF_MS, 200 * 2 ** Math.min(attempt - 1, 10));
          this.logger.warn({
            message: 'transient failure, retrying batch',
            topic: route.contract.topic,
            attempt,
            delayMs: delay,
            error: (error as Error).message,
          });
          await this.pause(delay, payload);
          continue;
        }
        if (events.length === 1) {
          return [{ event: events[0], reason: `handler failed: ${describeError(error)}` }];
        }
        const rejected: { event: InboundEvent<unknown>; reason: string }[] = [];
        for (const half of chunks(events, Math.ceil(events.length / 2))) {
          rejected.push(...(await this.handleWithRetry(route, half, payload)));
        }
        return rejected;
      }
    }
  }

  private async pause(ms: number, payload: EachBatchPayload): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (this.stopping || !payload.isRunning()) {
        throw new ShutdownInterruption();
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, until - Date.now())));
      await payload.heartbeat().catch(() => undefined);
    }
  }
}

function toInboundEvent(
  topic: string,
  batch: Batch,
  message: KafkaMessage,
  payload: unknown,
): InboundEvent<unknown> {
  return {
    payload,
    key: message.key?.toString('utf8') ?? null,
    topic,
    partition: batch.partition,
    offset: message.offset,
    timestamp: message.timestamp,
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
