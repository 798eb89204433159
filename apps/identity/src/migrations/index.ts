import type { MigrationObject } from '@mikro-orm/core';
import { IdentityTablesMigration } from './0001-identity-tables.migration';

// The identity schema's migrations, in order. They run when the app starts (and in tests).
export const identityMigrations: MigrationObject[] = [
  { name: '0001-identity-tables', class: IdentityTablesMigration },
];
