import { backoffDelayMs } from './backoff';

describe(backoffDelayMs.name, () => {
  it('doubles from the base with each attempt until the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) =>
      backoffDelayMs({ attempt, baseMs: 200, maxMs: 10_000 }),
    );
    expect(delays).toEqual([200, 400, 800, 1600, 3200, 6400, 10_000]);
  });

  it('stays at the cap after very many attempts instead of overflowing', () => {
    expect(backoffDelayMs({ attempt: 5000, baseMs: 1000, maxMs: 10_000 })).toBe(10_000);
  });

  it('treats an attempt below 1 as the first', () => {
    expect(backoffDelayMs({ attempt: 0, baseMs: 1000, maxMs: 10_000 })).toBe(1000);
  });

  it('spreads the delay by the jitter fraction either way around the capped value', () => {
    const at = (random: number): number =>
      backoffDelayMs({ attempt: 4, baseMs: 1000, maxMs: 5000, jitter: 0.2, random: () => random });
    expect([at(0), at(0.5), at(1)]).toEqual([4000, 5000, 6000]);
  });

  it('ignores the random source when there is no jitter', () => {
    const random = jest.fn(() => 0);
    expect(backoffDelayMs({ attempt: 2, baseMs: 1000, maxMs: 5000, random })).toBe(2000);
    expect(random).not.toHaveBeenCalled();
  });
});
