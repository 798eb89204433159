import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule } from '@sms/observability';
import { PersistenceModule } from '@sms/persistence';
import { ConsoleAuthModule } from './auth/auth.module';
import { BffModule } from './bff/bff.module';
import { ConsoleConfigModule } from './config/console-config.module';
import type { ConsoleConfig } from './config/console.config';
import { consoleMigrations } from './migrations';
import { ProxyModule } from './proxy/proxy.module';
import { spaDir } from './spa/spa-dir';
import { SpaModule } from './spa/spa.module';

@Module({})
export class ConsoleModule {
  static forRoot(config: ConsoleConfig): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'console' }),
        PersistenceModule.forRoot({
          clientUrl: config.DATABASE_URL,
          schema: 'console',
          entities: [],
          migrations: consoleMigrations,
          poolSize: config.DATABASE_POOL_SIZE,
        }),
        ConsoleConfigModule.forRoot(config),
        ConsoleAuthModule,
        BffModule,
        ProxyModule,
        // Last: its catch-all route must not shadow the routes above.
        SpaModule.forRoot(spaDir(config)),
      ],
    };
  }
}
