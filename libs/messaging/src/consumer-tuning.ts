import type { ConsumerConfig } from 'kafkajs';

// How each consumer fetches and stays in its group. Every value comes from the service's settings
// (KAFKA_* in @sms/config); the defaults are what the platform was measured with.
export interface ConsumerTuning {
  // How long the broker waits for a silent consumer before handing its partitions to another.
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  // How long a fetch waits for new data: an idle consumer's latency before it sees a new event.
  maxWaitTimeMs: number;
  // Largest fetch response, and largest share of it one partition may fill.
  maxBytes: number;
  maxBytesPerPartition: number;
}

export const DEFAULT_CONSUMER_TUNING: Omit<ConsumerTuning, 'heartbeatIntervalMs'> = {
  sessionTimeoutMs: 30_000,
  maxWaitTimeMs: 100,
  // kafkajs's own default, stated so it can be tuned next to the per-partition share.
  maxBytes: 10 * 1024 * 1024,
  maxBytesPerPartition: 4 * 1024 * 1024,
};

// Validated settings as @sms/config reads them (KAFKA_HEARTBEAT_INTERVAL_MS is optional there).
export interface KafkaConsumerSettings {
  KAFKA_SESSION_TIMEOUT_MS: number;
  KAFKA_HEARTBEAT_INTERVAL_MS?: number;
  KAFKA_MAX_WAIT_TIME_MS: number;
  KAFKA_MAX_BYTES: number;
  KAFKA_MAX_BYTES_PER_PARTITION: number;
}

export function kafkaConsumerTuning(settings: KafkaConsumerSettings): Partial<ConsumerTuning> {
  return {
    sessionTimeoutMs: settings.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: settings.KAFKA_HEARTBEAT_INTERVAL_MS,
    maxWaitTimeMs: settings.KAFKA_MAX_WAIT_TIME_MS,
    maxBytes: settings.KAFKA_MAX_BYTES,
    maxBytesPerPartition: settings.KAFKA_MAX_BYTES_PER_PARTITION,
  };
}

// Fills what was not given; the heartbeat defaults to a tenth of the session timeout, so a few
// missed heartbeats (a long GC pause, a slow broker) never cost the group membership.
export function resolveConsumerTuning(given: Partial<ConsumerTuning> = {}): ConsumerTuning {
  const defaults = DEFAULT_CONSUMER_TUNING;
  const sessionTimeoutMs = given.sessionTimeoutMs ?? defaults.sessionTimeoutMs;
  return {
    sessionTimeoutMs,
    heartbeatIntervalMs: given.heartbeatIntervalMs ?? Math.floor(sessionTimeoutMs / 10),
    maxWaitTimeMs: given.maxWaitTimeMs ?? defaults.maxWaitTimeMs,
    maxBytes: given.maxBytes ?? defaults.maxBytes,
    maxBytesPerPartition: given.maxBytesPerPartition ?? defaults.maxBytesPerPartition,
  };
}

// kafkajs's own restart is off: the consumer supervisor alone decides when a consumer is replaced.
export function consumerConfig(groupId: string, tuning: ConsumerTuning): ConsumerConfig {
  return {
    groupId,
    sessionTimeout: tuning.sessionTimeoutMs,
    heartbeatInterval: tuning.heartbeatIntervalMs,
    maxWaitTimeInMs: tuning.maxWaitTimeMs,
    maxBytes: tuning.maxBytes,
    maxBytesPerPartition: tuning.maxBytesPerPartition,
    retry: {
      retries: Number.MAX_SAFE_INTEGER,
      initialRetryTime: 300,
      maxRetryTime: 10_000,
      restartOnFailure: () => Promise.resolve(false),
    },
  };
}
