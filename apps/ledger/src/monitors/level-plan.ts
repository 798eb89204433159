// How a new set of levels for one (account, purpose) replaces the old one. A level kept from the old
// set keeps its id and armed state, so saving the same settings again is no new crossing. A new
// level starts armed when the balance is at or above it; a new level the balance is already below
// counts as a crossing at once (auto top-up switched on below its threshold tops up, a low-balance
// email level set above the balance sends), and then waits disarmed like any crossed level.
export interface ExistingLevel {
  id: string;
  levelMillicredits: number;
  armed: boolean;
}

export interface LevelPlan {
  removeIds: string[];
  add: { levelMillicredits: number; armed: boolean }[];
}

export function planLevels(input: {
  existing: readonly ExistingLevel[];
  levels: readonly number[];
  balanceMillicredits: number;
}): LevelPlan {
  const wanted = new Set(input.levels);
  const kept = new Set<number>();
  const removeIds: string[] = [];
  for (const monitor of input.existing) {
    if (wanted.has(monitor.levelMillicredits) && !kept.has(monitor.levelMillicredits)) {
      kept.add(monitor.levelMillicredits);
    } else {
      removeIds.push(monitor.id);
    }
  }
  const add = [...wanted]
    .filter((level) => !kept.has(level))
    .map((levelMillicredits) => ({
      levelMillicredits,
      armed: input.balanceMillicredits >= levelMillicredits,
    }));
  return { removeIds, add };
}
