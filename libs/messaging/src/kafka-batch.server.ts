import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { Batch, Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { consumerGroup, decodeEvent } from '@sms/contracts';
import { ReadinessRegistry } from '@sms/observability';
import { BatchHandlerDiscovery, type DiscoveredBatchHandler } from './batch-handler.discovery';
import { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import type { InboundEvent } from './inbound-event';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { MessagingMetrics } from './messaging.metrics';
import { isTransientError } from './transient-error';

type Route = DiscoveredBatchHandler;

const MAX_BACKOFF_MS = 10_000;
// How often silent consumers are looked for, the least silence that counts as stalled (an idle
// healthy consumer fetches every 100 ms and heartbeats every tenth of its session timeout), and how
// long a dead consumer's disconnect is waited for before its successor starts anyway.
const WATCHDOG_INTERVAL_MS = 5_000;
const MIN_STALL_MS = 15_000;
const DISCONNECT_WAIT_MS = 10_000;

interface ConsumerSlot {
  route: Route;
  // The consumer serving the route now; null while a replacement is being started.
  consumer: Consumer | null;
  lastSignAt: number;
  activeBatches: number;
  replacing: boolean;
  crashedWhileReplacing: string | null;
}
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
  private readonly slots: ConsumerSlot[] = [];
  // Topics whose consumer crashed and has not committed a batch since: the app is not ready.
  private readonly crashed = new Map<string, string>();
  private stopping = false;
  private watchdog: NodeJS.Timeout | undefined;

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
        const slot: ConsumerSlot = {
          route,
          consumer: null,
          lastSignAt: Date.now(),
          activeBatches: 0,
          replacing: false,
          crashedWhileReplacing: null,
        };
        this.slots.push(slot);
        await this.startWithRetry(slot);
      }
      this.watchdog = setInterval(() => this.replaceSilentConsumers(), WATCHDOG_INTERVAL_MS);
      this.watchdog.unref();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  // Graceful shutdown: kafkajs waits for the batch in flight, whose offsets we commit ourselves.
  async close(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    await Promise.allSettled(this.slots.map((slot) => slot.consumer?.disconnect() ?? Promise.resolve()));
    this.slots.length = 0;
  }

  on(): void {
    // No transport-level events to subscribe to.
  }

  unwrap<T>(): T {
    return this.slots.flatMap((slot) => (slot.consumer === null ? [] : [slot.consumer])) as T;
  }

  private discoverRoutes(): Route[] {
    const routes: Route[] = new BatchHandlerDiscovery(
      this.discovery,
      this.scanner,
      this.reflector,
    ).handlers();
    const topics = routes.map((r) => r.contract.topic);
    const duplicate = topics.find((topic, i) => topics.indexOf(topic) !== i);
    if (duplicate) {
      throw new Error(`Two batch handlers consume ${duplicate}; a topic has one handler per service`);
    }
    return routes;
  }

  // Supervision: this server alone decides when a consumer is restarted (kafkajs's own restart is
  // off), so there is one policy for every way a consumer can die. A consumer that crashes (any
  // error, retriable or not, e.g. "Failed to find group coordinator" after a broker restart) or
  // disconnects without being asked is replaced with backoff until a fresh one starts; one that
  // stays silent (no fetch, heartbeat or batch) for longer than the stall limit is replaced too, as
  // a backstop for a consumer kafkajs left stopped without telling. Events of a consumer that was
  // already replaced are ignored, so a late crash report never tears down its successor.
  private async startConsumer(slot: ConsumerSlot): Promise<Consumer> {
    const { route } = slot;
    const topic = this.connection.topic(route.contract.topic);
    const consumer = this.connection.kafka.consumer({
      groupId: this.connection.topic(consumerGroup(this.options.service, route.contract.topic)),
      sessionTimeout: this.sessionTimeoutMs(),
      heartbeatInterval: Math.floor(this.sessionTimeoutMs() / 10),
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxWaitTimeInMs: 100,
      retry: {
        retries: Number.MAX_SAFE_INTEGER,
        initialRetryTime: 300,
        maxRetryTime: 10_000,
        restartOnFailure: () => Promise.resolve(false),
      },
    });
    slot.consumer = consumer;
    slot.lastSignAt = Date.now();
    const current = (): boolean => slot.consumer === consumer && !this.stopping;
    const alive = (): void => {
      if (current()) {
        slot.lastSignAt = Date.now();
      }
    };
    consumer.on(consumer.events.FETCH_START, alive);
    consumer.on(consumer.events.HEARTBEAT, alive);
    consumer.on(consumer.events.START_BATCH_PROCESS, alive);
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (current()) {
        alive();
        this.crashed.delete(route.contract.topic);
      }
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!current()) {
        return;
      }
      this.crashed.set(route.contract.topic, payload.error.message);
      this.logger.error({
        message: 'consumer crashed',
        topic,
        error: payload.error.message,
        replacing: true,
      });
      this.replace(slot, payload.error.message);
    });
    // kafkajs disconnects a crashing consumer before it reports the crash: the crash, with its reason,
    // gets a moment to arrive first.
    consumer.on(consumer.events.DISCONNECT, () => {
      setTimeout(() => {
        if (current()) {
          this.replace(slot, 'disconnected without being asked');
        }
      }, 1000).unref();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: route.partitionsConcurrently,
        eachBatch: (payload) => this.processBatch(slot, consumer, payload),
      });
    } catch (error) {
      // Detached first, so its disconnect is not mistaken for a consumer dying in service.
      if (slot.consumer === consumer) {
        slot.consumer = null;
      }
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.logger.log({ message: 'consuming', topic, handler: route.name });
    return consumer;
  }

  private sessionTimeoutMs(): number {
    return this.options.sessionTimeoutMs ?? 30_000;
  }

  // Right after topics are created, a fresh broker may still answer "does not host this
  // topic-partition" to the subscription's metadata request; that passes within seconds.
  private async startWithRetry(slot: ConsumerSlot): Promise<Consumer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startConsumer(slot);
      } catch (error) {
        if (attempt >= 10 || !isTransientError(error)) {
          throw error;
        }
        this.logger.warn({
          message: 'starting consumer failed; retrying',
          topic: slot.route.contract.topic,
          attempt,
        });
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  // Starts a fresh consumer in place of one that died, retrying with backoff for as long as it takes
  // (the broker may still be down); the redelivered batch is harmless because handlers are idempotent.
  private replace(slot: ConsumerSlot, reason: string): void {
    if (this.stopping) {
      return;
    }
    if (slot.replacing) {
      // The consumer being started died during its start: start another once this round ends.
      slot.crashedWhileReplacing = reason;
      return;
    }
    slot.replacing = true;
    this.crashed.set(slot.route.contract.topic, reason);
    const dead = slot.consumer;
    slot.consumer = null;
    void (async () => {
      // A dead consumer's disconnect can hang on an unreachable coordinator: it is not waited for long.
      await withTimeout(dead?.disconnect() ?? Promise.resolve(), DISCONNECT_WAIT_MS);
      for (let attempt = 1; !this.stopping; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, replaceBackoffMs(attempt)));
        if (this.stopping) {
          break;
        }
        slot.crashedWhileReplacing = null;
        try {
          await this.startConsumer(slot);
          this.logger.warn({
            message: 'consumer replaced',
            topic: slot.route.contract.topic,
            reason,
            attempt,
          });
          break;
        } catch (error) {
          this.logger.error({
            message: 'could not replace consumer; retrying',
            topic: slot.route.contract.topic,
            attempt,
            error: (error as Error).message,
          });
        }
      }
      slot.replacing = false;
      slot.lastSignAt = Date.now();
      const again = slot.crashedWhileReplacing;
      if (again !== null && !this.stopping) {
        slot.crashedWhileReplacing = null;
        this.replace(slot, again);
      }
    })();
  }

  private replaceSilentConsumers(): void {
    const stallMs = Math.max(MIN_STALL_MS, this.sessionTimeoutMs());
    const now = Date.now();
    for (const slot of this.slots) {
      if (this.stopping || slot.replacing || slot.activeBatches > 0 || now - slot.lastSignAt <= stallMs) {
        continue;
      }
      const reason = `no fetch, heartbeat or batch for ${Math.round((now - slot.lastSignAt) / 1000)} s`;
      this.logger.warn({
        message: 'consumer silent; replacing it',
        topic: slot.route.contract.topic,
        reason,
      });
      this.replace(slot, reason);
    }
  }

  private async processBatch(
    slot: ConsumerSlot,
    consumer: Consumer,
    payload: EachBatchPayload,
  ): Promise<void> {
    slot.activeBatches += 1;
    try {
      await this.processBatchOf(slot.route, consumer, payload);
    } finally {
      slot.activeBatches -= 1;
      slot.lastSignAt = Date.now();
    }
  }

  private async processBatchOf(route: Route, consumer: Consumer, payload: EachBatchPayload): Promise<void> {
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

function replaceBackoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt - 1, 4));
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
