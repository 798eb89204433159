import { DynamicModule, Module } from '@nestjs/common';
import { messagingTablesMigration } from '@sms/messaging';
import { ObservabilityModule } from '@sms/observability';
import { PersistenceModule } from '@sms/persistence';
import { IdentityConfigModule } from './config/identity-config.module';
import type { IdentityConfig } from './config/identity.config';
import { identityEntities } from './identity.entities';
import { KeysModule } from './keys/keys.module';
import { identityMigrations } from './migrations';
import { UsersModule } from './users/users.module';

// What the operator command line needs: the schema, people and keys; no HTTP, no Kafka.
@Module({})
export class IdentityAdminModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: IdentityAdminModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'identity-cli' }),
        PersistenceModule.forRoot({
          clientUrl: config.DATABASE_URL,
          schema: 'identity',
          entities: identityEntities,
          migrations: [messagingTablesMigration, ...identityMigrations],
          poolSize: 2,
        }),
        IdentityConfigModule.forRoot(config),
        UsersModule,
        KeysModule,
      ],
    };
  }
}
