import { z } from 'zod';
import { booleanFlag, commonSettings, loadConfigOrExit, positiveInt, withLocalDefaults } from '@sms/config';

export const ledgerConfigSchema = z.object({
  ...commonSettings({ port: 3001, clientId: 'ledger' }),
  // Defaults for accounts created by their first grant.
  LEDGER_DEFAULT_TIME_ZONE: z
    .string()
    .refine(
      (zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC',
      'must be an IANA time zone',
    )
    .default('UTC'),
  LEDGER_DEFAULT_HOME_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as IT')
    .default('IT'),
  // Empty: credits granted with the account default never expire.
  LEDGER_DEFAULT_VALIDITY_DAYS: z.coerce.number().int().positive().optional(),
  // How often the expiry job and the hold sweeper run on each replica (they are safe to overlap).
  LEDGER_EXPIRY_INTERVAL_MS: positiveInt(60_000),
  LEDGER_HOLD_SWEEP_INTERVAL_MS: positiveInt(5_000),
  LEDGER_SCHEDULER_ENABLED: booleanFlag(true),
  // Usage exports running at once on this replica; more get 429 with Retry-After.
  LEDGER_EXPORTS_MAX_CONCURRENT: positiveInt(2),
});

export type LedgerConfig = z.infer<typeof ledgerConfigSchema>;

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

// The only place the ledger reads its environment.
export function readLedgerConfig(env: Record<string, string | undefined> = process.env): LedgerConfig {
  return loadConfigOrExit('ledger', ledgerConfigSchema, withLocalDefaults(env));
}
