import { afterFailure, secondsLocked, type ThrottlePolicy, type ThrottleState } from './sign-in-throttle';

const policy: ThrottlePolicy = { maxFailures: 3, windowSeconds: 900, lockSeconds: 60, maxLockSeconds: 300 };
const t0 = new Date('2026-01-01T10:00:00Z');
const later = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);

function fail(times: number, start?: ThrottleState): ThrottleState | undefined {
  let state = start;
  for (let i = 0; i < times; i++) {
    state = afterFailure(state, later(i), policy);
  }
  return state;
}

describe(afterFailure.name, () => {
  it('lets the first failures through without a lock', () => {
    const state = fail(2);
    expect(state?.failures).toBe(2);
    expect(secondsLocked(state, later(2))).toBe(0);
  });

  it('locks at the limit and doubles the lock with each further failure, up to the ceiling', () => {
    expect(secondsLocked(fail(3), later(2))).toBe(60);
    expect(secondsLocked(fail(4), later(3))).toBe(120);
    expect(secondsLocked(fail(5), later(4))).toBe(240);
    expect(secondsLocked(fail(6), later(5))).toBe(300);
  });

  it('forgets failures after a quiet window', () => {
    const state = afterFailure(fail(2), later(2 + 901), policy);
    expect(state.failures).toBe(1);
    expect(state.lockedUntil).toBeNull();
  });

  it('reports no lock once the lock has run out', () => {
    expect(secondsLocked(fail(3), later(2 + 61))).toBe(0);
  });
});
