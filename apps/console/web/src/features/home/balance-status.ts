export type BalanceStatus = 'healthy' | 'watch' | 'low' | 'depleted';

// How close the available credits are to the lowest level the account watches (its lowest
// low-balance level or its auto top-up threshold): green well above it, amber within twice of it,
// red below it, and depleted at zero, when the gateway stops sending.
export function balanceStatus(input: {
  availableMillicredits: number;
  levelsMillicredits: readonly number[];
}): BalanceStatus {
  const { availableMillicredits } = input;
  if (availableMillicredits <= 0) {
    return 'depleted';
  }
  const levels = input.levelsMillicredits.filter((level) => level > 0);
  if (levels.length === 0) {
    return 'healthy';
  }
  const lowest = Math.min(...levels);
  if (availableMillicredits < lowest) {
    return 'low';
  }
  return availableMillicredits < lowest * 2 ? 'watch' : 'healthy';
}

export const STATUS_LABEL: Record<BalanceStatus, string> = {
  healthy: 'Healthy',
  watch: 'Getting close to your lowest level',
  low: 'Below your lowest level',
  depleted: 'No credits available: sending has stopped',
};
