import { DynamicModule, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DatabaseLifecycle } from './database-lifecycle.service';
import { createOrmOptions, type OrmSettings } from './orm-options';
import { UnitOfWork } from './unit-of-work';

// Global, like MikroOrmModule's core module: every module of the app can inject EntityManager and the
// UnitOfWork.
@Module({})
export class PersistenceModule {
  static forRoot(settings: OrmSettings): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [MikroOrmModule.forRoot({ ...createOrmOptions(settings), registerRequestContext: true })],
      providers: [DatabaseLifecycle, UnitOfWork],
      exports: [UnitOfWork],
    };
  }
}
