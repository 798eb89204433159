import type { MigrationObject } from '@mikro-orm/core';
import { ConsoleSessionsMigration } from './0001-console-sessions.migration';

// The console schema's migrations, in order. They run when the app starts (and in tests).
export const consoleMigrations: MigrationObject[] = [
  { name: '0001-console-sessions', class: ConsoleSessionsMigration },
];
