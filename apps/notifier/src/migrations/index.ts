import type { MigrationObject } from '@mikro-orm/core';

// The notifier schema's migrations, in order. They run when the app starts (and in tests).
export const notifierMigrations: MigrationObject[] = [];
