import type { MigrationObject } from '@mikro-orm/core';
import { NotifierTablesMigration } from './0001-notifier-tables.migration';
import { AccountContactsMigration } from './0002-account-contacts.migration';

// The notifier schema's migrations, in order. They run when the app starts (and in tests).
export const notifierMigrations: MigrationObject[] = [
  { name: '0001-notifier-tables', class: NotifierTablesMigration },
  { name: '0002-account-contacts', class: AccountContactsMigration },
];
