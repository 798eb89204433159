import { backoffDelayMs } from '@sms/retry';
import { applyBatch, type ApplyOptions, TRANSIENT_RETRY_BACKOFF } from './batch-applier';
import type { BatchHandlerFn, InboundEvent } from './inbound-event';
import { TransientError } from './transient-error';

interface Payload {
  id: number;
  poison?: boolean;
}

const eventsOf = (payloads: Payload[]): InboundEvent<unknown>[] =>
  payloads.map((payload, i) => ({
    payload,
    key: null,
    topic: 'probe.events',
    partition: 0,
    offset: String(i),
    timestamp: '0',
  }));

const ids = (events: InboundEvent<unknown>[]): number[] => events.map((e) => (e.payload as Payload).id);

// A handler that applies a whole batch in one transaction: all of it, or none of it when one event is poison.
function transactionalHandler(): { handler: BatchHandlerFn<unknown>; applied: number[]; calls: number[][] } {
  const applied: number[] = [];
  const calls: number[][] = [];
  const handler: BatchHandlerFn<unknown> = (events) => {
    calls.push(ids(events));
    if (events.some((e) => (e.payload as Payload).poison)) {
      return Promise.reject(new Error('violates check constraint'));
    }
    applied.push(...ids(events));
    return Promise.resolve();
  };
  return { handler, applied, calls };
}

const options = (handler: BatchHandlerFn<unknown>, waits: number[] = []): ApplyOptions => ({
  handler,
  run: (call) => call(),
  waitBeforeRetry: (attempt) => {
    waits.push(attempt);
    return Promise.resolve();
  },
});

describe(applyBatch.name, () => {
  it('applies a healthy batch in one call and rejects nothing', async () => {
    const { handler, applied, calls } = transactionalHandler();
    const rejected = await applyBatch(options(handler), eventsOf([{ id: 1 }, { id: 2 }, { id: 3 }]));
    expect({ rejected, applied, calls }).toEqual({ rejected: [], applied: [1, 2, 3], calls: [[1, 2, 3]] });
  });

  it('splits a failing batch down to the one poison event and applies every other event', async () => {
    const { handler, applied } = transactionalHandler();
    const payloads = [1, 2, 3, 4, 5, 6, 7].map((id) => ({ id, poison: id === 5 }));
    const rejected = await applyBatch(options(handler), eventsOf(payloads));
    expect(rejected.map((r) => (r.event.payload as Payload).id)).toEqual([5]);
    expect(rejected[0].reason).toBe('handler failed: Error: violates check constraint');
    expect(applied.sort()).toEqual([1, 2, 3, 4, 6, 7]);
  });

  it('rejects each of several poison events on its own', async () => {
    const { handler, applied } = transactionalHandler();
    const payloads = [1, 2, 3, 4].map((id) => ({ id, poison: id === 1 || id === 4 }));
    const rejected = await applyBatch(options(handler), eventsOf(payloads));
    expect(rejected.map((r) => (r.event.payload as Payload).id)).toEqual([1, 4]);
    expect(applied).toEqual([2, 3]);
  });

  it('retries the whole batch after transient faults without splitting it', async () => {
    let failures = 2;
    const calls: number[][] = [];
    const handler: BatchHandlerFn<unknown> = (events) => {
      calls.push(ids(events));
      return failures-- > 0 ? Promise.reject(new TransientError('database restarting')) : Promise.resolve();
    };
    const waits: number[] = [];
    const rejected = await applyBatch(options(handler, waits), eventsOf([{ id: 1 }, { id: 2 }]));
    expect({ rejected, calls, waits }).toEqual({
      rejected: [],
      calls: [
        [1, 2],
        [1, 2],
        [1, 2],
      ],
      waits: [1, 2],
    });
  });

  it('passes on the events the handler rejected itself', async () => {
    const handler: BatchHandlerFn<unknown> = (events) =>
      Promise.resolve({ rejected: [{ event: events[1], reason: 'unknown account' }] });
    const events = eventsOf([{ id: 1 }, { id: 2 }]);
    expect(await applyBatch(options(handler), events)).toEqual([
      { event: events[1], reason: 'unknown account' },
    ]);
  });

  it('gives up when waiting for a retry is interrupted', async () => {
    const handler: BatchHandlerFn<unknown> = () => Promise.reject(new TransientError('broker down'));
    const interrupted = new Error('shutting down');
    await expect(
      applyBatch(
        { handler, run: (call) => call(), waitBeforeRetry: () => Promise.reject(interrupted) },
        eventsOf([{ id: 1 }]),
      ),
    ).rejects.toBe(interrupted);
  });

  it('shortens a long failure reason', async () => {
    const handler: BatchHandlerFn<unknown> = () => Promise.reject(new Error('x'.repeat(2000)));
    const [rejection] = await applyBatch(options(handler), eventsOf([{ id: 1 }]));
    expect(rejection.reason).toHaveLength('handler failed: '.length + 501);
    expect(rejection.reason.endsWith('…')).toBe(true);
  });
});

describe('transient retry schedule', () => {
  it('waits from 200 ms, doubling, at most 10 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 50].map((attempt) =>
      backoffDelayMs({ attempt, ...TRANSIENT_RETRY_BACKOFF }),
    );
    expect(delays).toEqual([200, 400, 800, 1600, 3200, 6400, 10_000, 10_000]);
  });
});
