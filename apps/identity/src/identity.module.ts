import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  kafkaClientSecurity,
  kafkaConsumerTuning,
  MessagingModule,
  messagingTablesMigration,
} from '@sms/messaging';
import { ObservabilityModule } from '@sms/observability';
import { PersistenceModule } from '@sms/persistence';
import { ClientRateLimitModule, type Clock, ClockModule } from '@sms/runtime';
import { IdentityAuthGuard } from './auth/identity-auth.guard';
import { IdentityConfigModule } from './config/identity-config.module';
import type { IdentityConfig } from './config/identity.config';
import { identityEntities } from './identity.entities';
import { identityMigrations } from './migrations';
import { AccountsModule } from './accounts/accounts.module';
import { ClientsModule } from './clients/clients.module';
import { DevTokensModule } from './dev/dev-tokens.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MembersModule } from './members/members.module';
import { OidcModule } from './oidc/oidc.module';
import { PasswordResetModule } from './password-reset/password-reset.module';
import { SignInModule } from './sign-in/sign-in.module';

// Identity stands on the same foundations as the other services (health, metrics, its schema,
// Kafka through the outbox) but not on their bearer-token guard: it is the issuer, and checks its
// own tokens against its own keys.
@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: IdentityModule,
      imports: [
        ClockModule.forRoot(options.clock),
        ObservabilityModule.forRoot({ service: 'identity' }),
        PersistenceModule.forRoot({
          clientUrl: config.DATABASE_URL,
          schema: 'identity',
          entities: identityEntities,
          migrations: [messagingTablesMigration, ...identityMigrations],
          poolSize: config.DATABASE_POOL_SIZE,
        }),
        MessagingModule.forRoot({
          service: 'identity',
          clientId: config.KAFKA_CLIENT_ID,
          brokers: config.KAFKA_BROKERS,
          security: kafkaClientSecurity(config),
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          schema: 'identity',
          consumer: kafkaConsumerTuning(config),
        }),
        // Per client address on every route, tighter on the routes that check a password or a link
        // secret (@SignInRoute); the token endpoint has its own (oidc/token-endpoint-limit.ts).
        ClientRateLimitModule.forRoot({
          windowMs: config.RATE_LIMIT_WINDOW_MS,
          perIp: config.RATE_LIMIT_PER_IP,
          perSubject: config.RATE_LIMIT_PER_SUBJECT,
          expensivePerSubject: config.RATE_LIMIT_EXPENSIVE_PER_SUBJECT,
          signInPerIp: config.RATE_LIMIT_SIGN_IN_PER_IP,
        }),
        IdentityConfigModule.forRoot(config),
        OidcModule,
        SignInModule,
        PasswordResetModule,
        MembersModule,
        InvitationsModule,
        ClientsModule,
        AccountsModule,
        // Development conveniences are not merely disabled in production: they are not there.
        ...(config.NODE_ENV === 'production' ? [] : [DevTokensModule]),
      ],
      providers: [{ provide: APP_GUARD, useClass: IdentityAuthGuard }],
    };
  }
}
