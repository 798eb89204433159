import type { UsageBucketView } from '../../api/views';

export interface UsagePoint {
  period: string;
  [list: string]: number | string;
}

export const NO_LIST = 'no list';

// Per-list buckets from the ledger as one row per period with a column per list, in credits, which
// is the shape a stacked chart reads.
export function usageSeries(buckets: readonly UsageBucketView[]): { points: UsagePoint[]; lists: string[] } {
  const lists = new Set<string>();
  const byPeriod = new Map<string, UsagePoint>();
  for (const bucket of buckets) {
    const list = bucket.listId ?? NO_LIST;
    lists.add(list);
    const period = bucket.period.slice(0, 10);
    const point = byPeriod.get(period) ?? { period };
    point[list] = (typeof point[list] === 'number' ? point[list] : 0) + bucket.chargedMillicredits / 1000;
    byPeriod.set(period, point);
  }
  const points = [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
  return { points, lists: [...lists].sort() };
}
