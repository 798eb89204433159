// Back-off after failed sign-ins, per email address and per client IP. Up to `maxFailures` failures
// in a row are free; each further one locks sign-in for twice as long as the last, up to a ceiling.
// Failures are forgotten once none happened for `windowSeconds`. Keyed by the email typed, not by
// the user, so a lock looks the same whether or not the address has an account.
export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
  maxLockSeconds: number;
}

export function secondsLocked(state: ThrottleState | undefined, now: Date): number {
  if (state === undefined || state.lockedUntil === null) {
    return 0;
  }
  return Math.max(0, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000));
}

export function afterFailure(
  state: ThrottleState | undefined,
  now: Date,
  policy: ThrottlePolicy,
): ThrottleState {
  const forgotten =
    state === undefined || now.getTime() - state.lastFailureAt.getTime() > policy.windowSeconds * 1000;
  const failures = forgotten ? 1 : state.failures + 1;
  if (failures < policy.maxFailures) {
    return { failures, lastFailureAt: now, lockedUntil: null };
  }
  const doublings = Math.min(failures - policy.maxFailures, 20);
  const lock = Math.min(policy.lockSeconds * 2 ** doublings, policy.maxLockSeconds);
  return { failures, lastFailureAt: now, lockedUntil: new Date(now.getTime() + lock * 1000) };
}
