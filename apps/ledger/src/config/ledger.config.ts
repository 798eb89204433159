import { z } from 'zod';
import { commonSettings, loadConfigOrExit, withLocalDefaults } from '@sms/config';

export const ledgerConfigSchema = z.object({
  ...commonSettings({ port: 3001, clientId: 'ledger' }),
});

export type LedgerConfig = z.infer<typeof ledgerConfigSchema>;

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

// The only place the ledger reads its environment.
export function readLedgerConfig(env: Record<string, string | undefined> = process.env): LedgerConfig {
  return loadConfigOrExit('ledger', ledgerConfigSchema, withLocalDefaults(env));
}
