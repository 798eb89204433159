import { backoffDelayMs } from '@sms/retry';
import { REPLACEMENT_BACKOFF } from './consumer-slot';

describe('consumer replacement schedule', () => {
  it('waits from 1 s, doubling, at most 10 s between attempts at replacing a dead consumer', () => {
    const delays = [1, 2, 3, 4, 5, 6, 100].map((attempt) =>
      backoffDelayMs({ attempt, ...REPLACEMENT_BACKOFF }),
    );
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });
});
