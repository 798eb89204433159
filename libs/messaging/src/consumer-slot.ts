import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { consumerGroup } from '@sms/contracts';
import { type Backoff, backoffDelayMs } from '@sms/retry';
import type { DiscoveredBatchHandler } from './batch-handler.discovery';
import { launchConsumer } from './consumer-launcher';
import type { ConsumerTuning } from './consumer-tuning';
import type { KafkaConnection } from './kafka-connection';

// Waits between attempts at replacing a dead consumer: from 1 s, doubling, at most 10 s.
export const REPLACEMENT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 10_000 };
// How long a dead consumer's disconnect is waited for before its successor starts anyway, and how
// long a crash report gets to arrive after a disconnect.
const DISCONNECT_WAIT_MS = 10_000;
const CRASH_REPORT_GRACE_MS = 1_000;

export interface SlotContext {
  connection: KafkaConnection;
  // Name of the service: prefix of its consumer groups.
  service: string;
  tuning: ConsumerTuning;
  isStopping: () => boolean;
  // The route's consumer died, for this reason.
  crashed: (topic: string, reason: string) => void;
  // The route's consumer joined its group again.
  joined: (topic: string) => void;
}

// The one consumer serving a route, and its replacement when it dies: a crash or a disconnect nobody
// asked for starts a successor, retried with backoff until one runs. Events of a consumer that was
// already replaced are ignored, so a late crash report never tears down its successor.
export class ConsumerSlot {
  private readonly logger = new Logger(ConsumerSlot.name);
  // The consumer serving the route now; null while a replacement is being started.
  private consumer: Consumer | null = null;
  private lastSignAt = Date.now();
  private activeBatches = 0;
  private replacing = false;
  private crashedWhileReplacing: string | null = null;

  constructor(
    readonly route: DiscoveredBatchHandler,
    private readonly context: SlotContext,
    private readonly eachBatch: (consumer: Consumer, payload: EachBatchPayload) => Promise<void>,
  ) {}

  get running(): Consumer | null {
    return this.consumer;
  }

  // How long the consumer has shown no sign of life; 0 while a batch runs or a replacement starts.
  silenceMs(now: number): number {
    return this.replacing || this.activeBatches > 0 ? 0 : now - this.lastSignAt;
  }

  async disconnect(): Promise<void> {
    await this.consumer?.disconnect();
  }

  async start(): Promise<void> {
    const { connection, service, tuning } = this.context;
    const { topic: name } = this.route.contract;
    const topic = connection.topic(name);
    const current = (consumer: Consumer): boolean => this.consumer === consumer && !this.context.isStopping();
    const alive = (consumer: Consumer): void => {
      if (current(consumer)) {
        this.lastSignAt = Date.now();
      }
    };
    await launchConsumer({
      connection,
      groupId: connection.topic(consumerGroup(service, name)),
      topic,
      tuning,
      partitionsConcurrently: this.route.partitionsConcurrently,
      eachBatch: (consumer, payload) => this.track(consumer, payload),
      signals: {
        created: (consumer) => {
          this.consumer = consumer;
          this.lastSignAt = Date.now();
        },
        alive,
        joined: (consumer) => {
          if (current(consumer)) {
            alive(consumer);
            this.context.joined(name);
          }
        },
        crashed: (consumer, error) => {
          if (current(consumer)) {
            this.logger.error({ message: 'consumer crashed', topic, error: error.message, replacing: true });
            this.context.crashed(name, error.message);
            this.replace(error.message);
          }
        },
        // kafkajs disconnects a crashing consumer before it reports the crash: the crash, with its
        // reason, gets a moment to arrive first.
        disconnected: (consumer) => {
          setTimeout(() => {
            if (current(consumer)) {
              this.replace('disconnected without being asked');
            }
          }, CRASH_REPORT_GRACE_MS).unref();
        },
        abandoned: (consumer) => {
          if (this.consumer === consumer) {
            this.consumer = null;
          }
        },
      },
    });
    this.logger.log({ message: 'consuming', topic, handler: this.route.name });
  }

  // Starts a fresh consumer in place of one that died, retrying with backoff for as long as it takes
  // (the broker may still be down); the redelivered batch is harmless because handlers are idempotent.
  replace(reason: string): void {
    if (this.context.isStopping()) {
      return;
    }
    if (this.replacing) {
      // The consumer being started died during its start: start another once this round ends.
      this.crashedWhileReplacing = reason;
      return;
    }
    this.replacing = true;
    this.context.crashed(this.route.contract.topic, reason);
    const dead = this.consumer;
    this.consumer = null;
    void this.replaceUntilStarted(dead, reason);
  }

  private async replaceUntilStarted(dead: Consumer | null, reason: string): Promise<void> {
    const { isStopping } = this.context;
    const topic = this.route.contract.topic;
    // A dead consumer's disconnect can hang on an unreachable coordinator: it is not waited for long.
    await withTimeout(dead?.disconnect() ?? Promise.resolve(), DISCONNECT_WAIT_MS);
    for (let attempt = 1; !isStopping(); attempt++) {
      await sleep(backoffDelayMs({ attempt, ...REPLACEMENT_BACKOFF }));
      if (isStopping()) {
        break;
      }
      this.crashedWhileReplacing = null;
      try {
        await this.start();
        this.logger.warn({ message: 'consumer replaced', topic, reason, attempt });
        break;
      } catch (error) {
        this.logger.error({
          message: 'could not replace consumer; retrying',
          topic,
          attempt,
          error: (error as Error).message,
        });
      }
    }
    this.replacing = false;
    this.lastSignAt = Date.now();
    const again = this.crashedWhileReplacing;
    if (again !== null && !isStopping()) {
      this.crashedWhileReplacing = null;
      this.replace(again);
    }
  }

  private async track(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    this.activeBatches += 1;
    try {
      await this.eachBatch(consumer, payload);
    } finally {
      this.activeBatches -= 1;
      this.lastSignAt = Date.now();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
