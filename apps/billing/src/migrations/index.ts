import type { MigrationObject } from '@mikro-orm/core';

// The billing schema's migrations, in order. They run when the app starts (and in tests).
export const billingMigrations: MigrationObject[] = [];
