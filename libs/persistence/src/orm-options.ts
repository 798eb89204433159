import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { exactBigintTypes } from './bigint';

export interface OrmSettings {
  clientUrl: string;
  // The app's own PostgreSQL schema; no app reads or writes another's.
  schema: string;
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
  poolSize: number;
  debug?: boolean;
}

export function createOrmOptions(settings: OrmSettings): Options {
  return defineConfig({
    clientUrl: settings.clientUrl,
    schema: settings.schema,
    entities: settings.entities,
    extensions: [Migrator],
    // Migrations are listed in code, so compiled builds and tests run the very same ones.
    migrations: {
      migrationsList: settings.migrations,
      tableName: `${settings.schema}.mikro_orm_migrations`,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: { min: 1, max: settings.poolSize },
    debug: settings.debug ?? false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    driverOptions: { connection: { types: exactBigintTypes } },
    discovery: { checkDuplicateTableNames: true, warnWhenNoEntities: settings.entities.length > 0 },
  });
}
