import type { MigrationObject } from '@mikro-orm/core';
import { IdentityTablesMigration } from './0001-identity-tables.migration';
import { SealedSigningKeysMigration } from './0002-sealed-signing-keys.migration';

// The identity schema's migrations, in order. They run when the app starts (and in tests).
export const identityMigrations: MigrationObject[] = [
  { name: '0001-identity-tables', class: IdentityTablesMigration },
  { name: '0002-sealed-signing-keys', class: SealedSigningKeysMigration },
];
