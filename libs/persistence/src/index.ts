export { DatabaseLifecycle } from './database-lifecycle.service';
export { createOrmOptions } from './orm-options';
export type { OrmSettings } from './orm-options';
export { PersistenceModule } from './persistence.module';
export { jsonRows, pgArray, sqlIdentifier } from './sql';
export { afterCommit, UnitOfWork } from './unit-of-work';
export { readBigint } from './bigint';
