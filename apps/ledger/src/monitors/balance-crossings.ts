// Which monitors a set of balance changes crosses, and which accounts become (or stop being)
// depleted. A monitor is armed while the balance is at or above its level: it fires once when the
// balance falls below (and disarms), and re-arms with one recovery when the balance is back at or
// above it, so a dip fires once however many debits land below the level [PRODUCT: auto top-up fires
// once per dip].
export interface MonitorState {
  id: string;
  accountId: string;
  levelMillicredits: number;
  armed: boolean;
}

export interface AccountBalanceChange {
  accountId: string;
  balanceAfter: number;
  heldAfter: number;
  wasDepleted: boolean;
}

export interface Crossing<M extends MonitorState> {
  monitor: M;
  direction: 'low' | 'recovered';
}

export function monitorCrossings<M extends MonitorState>(input: {
  monitors: readonly M[];
  balances: ReadonlyMap<string, number>;
}): Crossing<M>[] {
  const crossings: Crossing<M>[] = [];
  for (const monitor of input.monitors) {
    const balance = input.balances.get(monitor.accountId);
    if (balance === undefined) {
      continue;
    }
    const below = balance < monitor.levelMillicredits;
    if (monitor.armed === !below) {
      continue;
    }
    crossings.push({ monitor, direction: below ? 'low' : 'recovered' });
  }
  return crossings;
}

// An account is depleted once nothing is available (the balance minus what holds reserve); it is
// announced once on the way down and quietly cleared when credits are available again.
export function depletionChanges(
  changes: readonly AccountBalanceChange[],
): { accountId: string; depleted: boolean; available: number; balance: number }[] {
  const flips: { accountId: string; depleted: boolean; available: number; balance: number }[] = [];
  for (const change of changes) {
    const available = change.balanceAfter - change.heldAfter;
    if (available <= 0 && !change.wasDepleted) {
      flips.push({ accountId: change.accountId, depleted: true, available, balance: change.balanceAfter });
    } else if (available > 0 && change.wasDepleted) {
      flips.push({ accountId: change.accountId, depleted: false, available, balance: change.balanceAfter });
    }
  }
  return flips;
}
