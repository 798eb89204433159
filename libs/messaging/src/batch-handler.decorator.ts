import { SetMetadata } from '@nestjs/common';
import type { EventContract } from '@sms/contracts';

export const BATCH_HANDLER = Symbol('BATCH_HANDLER');

export interface BatchHandlerMetadata {
  contract: EventContract<unknown>;
  // Largest number of events handed to one call (and so one database transaction).
  maxBatchSize: number;
}

// Marks a provider method as the handler of a topic. The method receives whole validated batches
// and must apply each in one transaction; offsets are committed only after it returns.
export const BatchHandler = <T>(
  contract: EventContract<T>,
  options: { maxBatchSize?: number } = {},
): MethodDecorator =>
  SetMetadata(BATCH_HANDLER, {
    contract: contract as EventContract<unknown>,
    maxBatchSize: options.maxBatchSize ?? 5000,
  } satisfies BatchHandlerMetadata);
