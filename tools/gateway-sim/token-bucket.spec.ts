import { TokenBucket } from './token-bucket';

// A fake clock: sleeping advances time, so pacing is checked without waiting.
function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
      return Promise.resolve();
    },
    elapsed: () => now,
  };
}

describe(TokenBucket.name, () => {
  it('paces 2000 messages at 1000 per second over about two seconds', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1000, clock.now, clock.sleep);
    let sent = 0;
    while (sent < 2000) {
      sent += await bucket.take(Math.min(50, 2000 - sent));
    }
    expect(sent).toBe(2000);
    expect(clock.elapsed()).toBeGreaterThanOrEqual(1950);
    expect(clock.elapsed()).toBeLessThanOrEqual(2100);
  });

  it('never hands out more than one second of tokens at once', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(10, clock.now, clock.sleep);
    expect(await bucket.take(1000)).toBe(10);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket(0)).toThrow('rate must be positive');
  });
});
