import type { MigrationObject } from '@mikro-orm/core';
import { LedgerSchemaMigration } from './0001-ledger-schema.migration';
import { ChargeKeyPerAccountMigration } from './0002-charge-key-per-account.migration';
import { OperatorAdjustmentsMigration } from './0003-operator-adjustments.migration';
import { CreditLimitChangesMigration } from './0004-credit-limit-changes.migration';

// The ledger schema's migrations, in order. They run when the app starts (and in tests).
export const ledgerMigrations: MigrationObject[] = [
  { name: '0001-ledger-schema', class: LedgerSchemaMigration },
  { name: '0002-charge-key-per-account', class: ChargeKeyPerAccountMigration },
  { name: '0003-operator-adjustments', class: OperatorAdjustmentsMigration },
  { name: '0004-credit-limit-changes', class: CreditLimitChangesMigration },
];
