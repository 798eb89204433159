import { Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { DiscoveredBatchHandler } from './batch-handler.discovery';
import { retryWhileBrokerSettles } from './broker-settling-retry';
import { ConsumerSlot } from './consumer-slot';
import type { ConsumerTuning } from './consumer-tuning';
import type { KafkaConnection } from './kafka-connection';
import { isTransientError } from './transient-error';

// How often silent consumers are looked for, and the least silence that counts as stalled (an idle
// healthy consumer fetches every maxWaitTime and heartbeats every tenth of its session timeout).
const WATCHDOG_INTERVAL_MS = 5_000;
const MIN_STALL_MS = 15_000;

export interface SupervisorOptions {
  connection: KafkaConnection;
  // Name of the service: prefix of its consumer groups.
  service: string;
  tuning: ConsumerTuning;
}

// Keeps one consumer running per route. This supervisor alone decides when a consumer is restarted
// (kafkajs's own restart is off), so there is one policy for every way a consumer can die: one that
// crashes (any error, retriable or not, e.g. "Failed to find group coordinator" after a broker
// restart) or disconnects without being asked is replaced by its slot; one that stays silent (no
// fetch, heartbeat or batch) for longer than the stall limit is replaced too, as a backstop for a
// consumer kafkajs left stopped without telling.
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
    const slot = new ConsumerSlot(
      route,
      {
        ...this.options,
        isStopping: () => this.stopping,
        crashed: (topic, reason) => this.crashed.set(topic, reason),
        joined: (topic) => this.recovered(topic),
      },
      eachBatch,
    );
    this.slots.push(slot);
    await this.startWithRetry(slot);
  }

  watchForSilence(): void {
    this.watchdog = setInterval(() => this.replaceSilentConsumers(), WATCHDOG_INTERVAL_MS);
    this.watchdog.unref();
  }

  consumers(): Consumer[] {
    return this.slots.flatMap((slot) => (slot.running === null ? [] : [slot.running]));
  }

  // Graceful shutdown: kafkajs waits for the batch in flight, whose offsets the pipeline commits itself.
  async close(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    await Promise.allSettled(this.slots.map((slot) => slot.disconnect()));
    this.slots.length = 0;
  }

  // Right after topics are created, a fresh broker may still answer "does not host this
  // topic-partition" to the subscription's metadata request; that passes within seconds.
  private startWithRetry(slot: ConsumerSlot): Promise<void> {
    return retryWhileBrokerSettles(
      {
        retryable: isTransientError,
        onRetry: (attempt) =>
          this.logger.warn({
            message: 'starting consumer failed; retrying',
            topic: slot.route.contract.topic,
            attempt,
          }),
      },
      () => slot.start(),
    );
  }

  private replaceSilentConsumers(): void {
    const stallMs = Math.max(MIN_STALL_MS, this.options.tuning.sessionTimeoutMs);
    const now = Date.now();
    for (const slot of this.slots) {
      const silenceMs = slot.silenceMs(now);
      if (this.stopping || silenceMs <= stallMs) {
        continue;
      }
      const reason = `no fetch, heartbeat or batch for ${Math.round(silenceMs / 1000)} s`;
      this.logger.warn({
        message: 'consumer silent; replacing it',
        topic: slot.route.contract.topic,
        reason,
      });
      slot.replace(reason);
    }
  }
}
