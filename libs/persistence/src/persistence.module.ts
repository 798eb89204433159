import { DynamicModule, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DatabaseLifecycle } from './database-lifecycle.service';
import { createOrmOptions, type OrmSettings } from './orm-options';

// MikroOrmModule's core module is global: every module of the app can inject EntityManager.
@Module({})
export class PersistenceModule {
  static forRoot(settings: OrmSettings): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [MikroOrmModule.forRoot({ ...createOrmOptions(settings), registerRequestContext: true })],
      providers: [DatabaseLifecycle],
    };
  }
}
