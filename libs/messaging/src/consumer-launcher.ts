import type { Consumer, EachBatchPayload } from 'kafkajs';
import { consumerConfig, type ConsumerTuning } from './consumer-tuning';
import type { KafkaConnection } from './kafka-connection';

// What a consumer reports about itself, each call naming the consumer so a supervisor can ignore a
// consumer it already replaced.
export interface ConsumerSignals {
  // The consumer exists and is about to connect.
  created(consumer: Consumer): void;
  // It fetched, heartbeated or started a batch.
  alive(consumer: Consumer): void;
  joined(consumer: Consumer): void;
  crashed(consumer: Consumer, error: Error): void;
  disconnected(consumer: Consumer): void;
  // It failed to start and is being disconnected: from now on its events mean nothing.
  abandoned(consumer: Consumer): void;
}

export interface LaunchOptions {
  connection: KafkaConnection;
  groupId: string;
  topic: string;
  tuning: ConsumerTuning;
  // Set by the handler (@BatchHandler), not by configuration: whether its batches of different
  // partitions may commit in any order is a property of its code.
  partitionsConcurrently: number;
  signals: ConsumerSignals;
  eachBatch: (consumer: Consumer, payload: EachBatchPayload) => Promise<void>;
}

// Creates a consumer of one topic that commits its own offsets, reports its life through the signals,
// and runs until it is disconnected or dies. Rejects, with the consumer disconnected, when it cannot start.
export async function launchConsumer(options: LaunchOptions): Promise<Consumer> {
  const { connection, topic, tuning, signals } = options;
  const consumer = connection.kafka.consumer(consumerConfig(options.groupId, tuning));
  signals.created(consumer);
  const alive = (): void => signals.alive(consumer);
  consumer.on(consumer.events.FETCH_START, alive);
  consumer.on(consumer.events.HEARTBEAT, alive);
  consumer.on(consumer.events.START_BATCH_PROCESS, alive);
  consumer.on(consumer.events.GROUP_JOIN, () => signals.joined(consumer));
  consumer.on(consumer.events.CRASH, ({ payload }) => signals.crashed(consumer, payload.error));
  consumer.on(consumer.events.DISCONNECT, () => signals.disconnected(consumer));
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConcurrently,
      eachBatch: (payload) => options.eachBatch(consumer, payload),
    });
  } catch (error) {
    // Abandoned first, so its disconnect is not mistaken for a consumer dying in service.
    signals.abandoned(consumer);
    await consumer.disconnect().catch(() => undefined);
    throw error;
  }
  return consumer;
}
