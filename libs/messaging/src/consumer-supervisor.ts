import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { consumerGroup } from '@sms/contracts';
import { type Backoff, backoffDelayMs } from '@sms/retry';
import type { DiscoveredBatchHandler } from './batch-handler.discovery';
import { launchConsumer } from './consumer-launcher';
import type { ConsumerTuning } from './consumer-tuning';
import type { KafkaConnection } from './kafka-connection';
import { isTransientError } from './transient-error';

// Waits between attempts at replacing a dead consumer: from 1 s, doubling, at most 10 s.
export const REPLACEMENT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 10_000 };
// How often silent consumers are looked for, the least silence that counts as stalled (an idle
// healthy consumer fetches every maxWaitTime and heartbeats every tenth of its session timeout), how
// long a dead consumer's disconnect is waited for before its successor starts anyway, and how long a
// crash report gets to arrive after a disconnect.
const WATCHDOG_INTERVAL_MS = 5_000;
const MIN_STALL_MS = 15_000;
const DISCONNECT_WAIT_MS = 10_000;
const CRASH_REPORT_GRACE_MS = 1_000;
// A consumer that cannot start right after its topics were created is tried this often.
const START_ATTEMPTS = 10;

interface ConsumerSlot {
  route: DiscoveredBatchHandler;
  // The consumer serving the route now; null while a replacement is being started.
  consumer: Consumer | null;
  lastSignAt: number;
  activeBatches: number;
  replacing: boolean;
  crashedWhileReplacing: string | null;
  eachBatch: (consumer: Consumer, payload: EachBatchPayload) => Promise<void>;
}

export interface SupervisorOptions {
  connection: KafkaConnection;
  // Name of the service: prefix of its consumer groups.
  service: string;
  tuning: ConsumerTuning;
}

// Keeps one consumer running per route. This supervisor alone decides when a consumer is restarted
// (kafkajs's own restart is off), so there is one policy for every way a consumer can die. A consumer
// that crashes (any error, retriable or not, e.g. "Failed to find group coordinator" after a broker
// restart) or disconnects without being asked is replaced with backoff until a fresh one starts; one
// that stays silent (no fetch, heartbeat or batch) for longer than the stall limit is replaced too, as
// a backstop for a consumer kafkajs left stopped without telling. Events of a consumer that was
// already replaced are ignored, so a late crash report never tears down its successor.
export class ConsumerSupervisor {
  private readonly logger = new Logger(ConsumerSupervisor.name);
  private readonly slots: ConsumerSlot[] = [];
  // Topics whose consumer crashed and has not committed a batch since: the app is not ready.
  private readonly crashed = new Map<string, string>();
  private stopping = false;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly options: SupervisorOptions) {}

  isStopping(): boolean {
    return this.stopping;
  }

  unrecovered(): { topic: string; reason: string } | undefined {
    const [first] = this.crashed;
    return first === undefined ? undefined : { topic: first[0], reason: first[1] };
  }

  recovered(topic: string): void {
    this.crashed.delete(topic);
  }

  // Starts the route's consumer, retrying a start the broker is not ready for yet.
  async supervise(
    route: DiscoveredBatchHandler,
    eachBatch: (consumer: Consumer, payload: EachBatchPayload) => Promise<void>,
  ): Promise<void> {
    const slot: ConsumerSlot = {
      route,
      consumer: null,
      lastSignAt: Date.now(),
      activeBatches: 0,
      replacing: false,
      crashedWhileReplacing: null,
      eachBatch,
    };
    this.slots.push(slot);
    await this.startWithRetry(slot);
  }

  watchForSilence(): void {
    this.watchdog = setInterval(() => this.replaceSilentConsumers(), WATCHDOG_INTERVAL_MS);
    this.watchdog.unref();
  }

  consumers(): Consumer[] {
    return this.slots.flatMap((slot) => (slot.consumer === null ? [] : [slot.consumer]));
  }

  // Graceful shutdown: kafkajs waits for the batch in flight, whose offsets the pipeline commits itself.
  async close(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    await Promise.allSettled(this.slots.map((slot) => slot.consumer?.disconnect() ?? Promise.resolve()));
    this.slots.length = 0;
  }

  private async start(slot: ConsumerSlot): Promise<void> {
    const { connection, service, tuning } = this.options;
    const { route } = slot;
    const topic = connection.topic(route.contract.topic);
    const current = (consumer: Consumer): boolean => slot.consumer === consumer && !this.stopping;
    const alive = (consumer: Consumer): void => {
      if (current(consumer)) {
        slot.lastSignAt = Date.now();
      }
    };
    await launchConsumer({
      connection,
      groupId: connection.topic(consumerGroup(service, route.contract.topic)),
      topic,
      tuning,
      eachBatch: (consumer, payload) => this.track(slot, consumer, payload),
      signals: {
        created: (consumer) => {
          slot.consumer = consumer;
          slot.lastSignAt = Date.now();
        },
        alive,
        joined: (consumer) => {
          if (current(consumer)) {
            alive(consumer);
            this.crashed.delete(route.contract.topic);
          }
        },
        crashed: (consumer, error) => {
          if (!current(consumer)) {
            return;
          }
          this.crashed.set(route.contract.topic, error.message);
          this.logger.error({ message: 'consumer crashed', topic, error: error.message, replacing: true });
          this.replace(slot, error.message);
        },
        // kafkajs disconnects a crashing consumer before it reports the crash: the crash, with its
        // reason, gets a moment to arrive first.
        disconnected: (consumer) => {
          setTimeout(() => {
            if (current(consumer)) {
              this.replace(slot, 'disconnected without being asked');
            }
          }, CRASH_REPORT_GRACE_MS).unref();
        },
        abandoned: (consumer) => {
          if (slot.consumer === consumer) {
            slot.consumer = null;
          }
        },
      },
    });
    this.logger.log({ message: 'consuming', topic, handler: route.name });
  }

  private async track(slot: ConsumerSlot, consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    slot.activeBatches += 1;
    try {
      await slot.eachBatch(consumer, payload);
    } finally {
      slot.activeBatches -= 1;
      slot.lastSignAt = Date.now();
    }
  }

  // Right after topics are created, a fresh broker may still answer "does not host this
  // topic-partition" to the subscription's metadata request; that passes within seconds.
  private async startWithRetry(slot: ConsumerSlot): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.start(slot);
      } catch (error) {
        if (attempt >= START_ATTEMPTS || !isTransientError(error)) {
          throw error;
        }
        this.logger.warn({
          message: 'starting consumer failed; retrying',
          topic: slot.route.contract.topic,
          attempt,
        });
        await sleep(500 * attempt);
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
    void this.replaceUntilStarted(slot, dead, reason);
  }

  private async replaceUntilStarted(
    slot: ConsumerSlot,
    dead: Consumer | null,
    reason: string,
  ): Promise<void> {
    const topic = slot.route.contract.topic;
    // A dead consumer's disconnect can hang on an unreachable coordinator: it is not waited for long.
    await withTimeout(dead?.disconnect() ?? Promise.resolve(), DISCONNECT_WAIT_MS);
    for (let attempt = 1; !this.stopping; attempt++) {
      await sleep(backoffDelayMs({ attempt, ...REPLACEMENT_BACKOFF }));
      if (this.stopping) {
        break;
      }
      slot.crashedWhileReplacing = null;
      try {
        await this.start(slot);
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
    slot.replacing = false;
    slot.lastSignAt = Date.now();
    const again = slot.crashedWhileReplacing;
    if (again !== null && !this.stopping) {
      slot.crashedWhileReplacing = null;
      this.replace(slot, again);
    }
  }

  private replaceSilentConsumers(): void {
    const stallMs = Math.max(MIN_STALL_MS, this.options.tuning.sessionTimeoutMs);
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
