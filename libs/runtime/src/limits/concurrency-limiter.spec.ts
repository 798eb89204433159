import { ConcurrencyLimiter } from './concurrency-limiter';

describe(ConcurrencyLimiter.name, () => {
  it('turns away a caller beyond the limit until a slot is released', () => {
    const limiter = new ConcurrencyLimiter(2);
    const first = limiter.tryAcquire();
    const second = limiter.tryAcquire();
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(limiter.tryAcquire()).toBeNull();
    first?.();
    expect(limiter.tryAcquire()).not.toBeNull();
  });

  it('frees one slot however often the same holder releases', () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = limiter.tryAcquire();
    release?.();
    release?.();
    expect(limiter.active).toBe(0);
    limiter.tryAcquire();
    expect(limiter.tryAcquire()).toBeNull();
  });
});
