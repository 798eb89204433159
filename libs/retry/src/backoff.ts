export interface Backoff {
  // Delay before the first retry; each further attempt doubles it.
  baseMs: number;
  // The exponential part grows no further than this, however many attempts failed (the jitter
  // still spreads a capped delay, so replicas at the cap stay apart).
  maxMs: number;
  // Fraction the delay is spread either way (0.2: ±20%), so replicas retrying after one outage do
  // not come back in step; 0 for a fixed schedule.
  jitter?: number;
}

// Capped at 2^30 so a long outage's attempt count never overflows to Infinity before the cap applies.
const MAX_DOUBLINGS = 30;

// The wait before retry number `attempt` (1 for the first): base·2^(attempt−1), capped at maxMs, then
// spread by the jitter. Randomness is injected so a schedule can be tested.
export function backoffDelayMs(backoff: Backoff & { attempt: number; random?: () => number }): number {
  const doublings = Math.min(Math.max(backoff.attempt - 1, 0), MAX_DOUBLINGS);
  const capped = Math.min(backoff.maxMs, backoff.baseMs * 2 ** doublings);
  const jitter = backoff.jitter ?? 0;
  if (jitter === 0) {
    return capped;
  }
  const spread = 1 - jitter + 2 * jitter * (backoff.random ?? Math.random)();
  return Math.round(capped * spread);
}
