import type { Backoff } from '@sms/retry';
import { chunks } from './chunks';
import type { BatchHandlerFn, InboundEvent, Rejection } from './inbound-event';
import { isTransientError } from './transient-error';

// Waits between attempts at a batch that failed transiently: from 200 ms, doubling, at most 10 s.
export const TRANSIENT_RETRY_BACKOFF: Backoff = { baseMs: 200, maxMs: 10_000 };

export interface ApplyOptions {
  handler: BatchHandlerFn<unknown>;
  // Runs one handler call in the scope it needs (its own unit of work).
  run: (call: () => ReturnType<BatchHandlerFn<unknown>>) => ReturnType<BatchHandlerFn<unknown>>;
  // Waits before retry number `attempt` after a transient failure; throws to give up (shutdown).
  waitBeforeRetry: (attempt: number, error: unknown) => Promise<void>;
}

const MAX_REASON = 500;

// Applies events through the handler and returns the ones to dead-letter. Transient faults are
// retried for as long as it takes. Any other failure is a property of some message: the batch is
// split in halves until the failing message is alone, and only that message is rejected.
export async function applyBatch(
  options: ApplyOptions,
  events: InboundEvent<unknown>[],
): Promise<Rejection[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await options.run(() => options.handler(events));
      return [...(outcome?.rejected ?? [])];
    } catch (error) {
      if (isTransientError(error)) {
        await options.waitBeforeRetry(attempt, error);
        continue;
      }
      if (events.length === 1) {
        return [{ event: events[0], reason: `handler failed: ${describeError(error)}` }];
      }
      const rejected: Rejection[] = [];
      for (const half of chunks(events, Math.ceil(events.length / 2))) {
        rejected.push(...(await applyBatch(options, half)));
      }
      return rejected;
    }
  }
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text;
}
