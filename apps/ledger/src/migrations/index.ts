import type { MigrationObject } from '@mikro-orm/core';

// The ledger schema's migrations, in order. They run when the app starts (and in tests).
export const ledgerMigrations: MigrationObject[] = [];
