type Env = Record<string, string | undefined>;

const TRUE_VALUES = ['true', '1', 'yes'];

export interface ProductionRefusal {
  setting: string;
  // Why a production service must not run with it; shown at boot.
  reason: string;
  refused: (value: string) => boolean;
}

// Switches that exist for development and tests only: a service with NODE_ENV=production refuses to
// start with any of them on, so a forgotten flag cannot reach real money or real customers.
export const PRODUCTION_REFUSALS: readonly ProductionRefusal[] = [
  {
    setting: 'TIME_TRAVEL_ENABLED',
    reason: 'running jobs "as of" another moment (asOf) is refused in production',
    refused: (value) => TRUE_VALUES.includes(value.trim().toLowerCase()),
  },
];

// Read from the raw environment, so the refusal is reported even when other settings are also wrong.
export function productionRefusals(
  env: Env,
  refusals: readonly ProductionRefusal[] = PRODUCTION_REFUSALS,
): string[] {
  if (env.NODE_ENV !== 'production') {
    return [];
  }
  return refusals.flatMap(({ setting, reason, refused }) => {
    const value = env[setting];
    return value !== undefined && refused(value) ? [`${setting}: ${reason}`] : [];
  });
}
