import { SetMetadata } from '@nestjs/common';
import type { EventContract } from '@sms/contracts';
import type { BatchHandlerFn } from './inbound-event';

export const BATCH_HANDLER = Symbol('BATCH_HANDLER');

export interface BatchHandlerMetadata {
  contract: EventContract<unknown>;
  // Largest number of events handed to one call (and so one database transaction).
  maxBatchSize: number;
  // Calls for consecutive chunks of one partition that may run at once. Above 1 only for handlers whose
  // effects commute (the order in which two chunks commit does not matter) and that lock what they
  // update. Offsets are still committed in order, each after its own chunk's transaction.
  maxInFlight: number;
  // Partitions whose batches are handled at once (kafkajs's partitionsConsumedConcurrently). Above 1
  // only for handlers whose batches of different partitions may commit in any order; each partition's
  // offsets are still committed in order, after its own transactions.
  partitionsConcurrently: number;
}

// Marks a provider method as the handler of a topic. The method receives whole validated batches
// and must apply each in one transaction; offsets are committed only after it returns. The method's
// type is checked against the contract: it must accept InboundEvent<T>[] of the contract's payload T
// and return a promise, so a handler wired to the wrong topic does not compile.
export const BatchHandler =
  <T>(
    contract: EventContract<T>,
    options: { maxBatchSize?: number; maxInFlight?: number; partitionsConcurrently?: number } = {},
  ) =>
  <H extends BatchHandlerFn<T>>(
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    SetMetadata(BATCH_HANDLER, {
      contract: contract as EventContract<unknown>,
      maxBatchSize: options.maxBatchSize ?? 5000,
      maxInFlight: options.maxInFlight ?? 1,
      partitionsConcurrently: options.partitionsConcurrently ?? 1,
    } satisfies BatchHandlerMetadata)(target, propertyKey, descriptor);
  };
