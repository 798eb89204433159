import { DynamicModule, Module } from '@nestjs/common';
import type { MigrationObject } from '@mikro-orm/core';
import type { Options } from '@mikro-orm/postgresql';
import { AuthModule } from '@sms/auth';
import {
  kafkaClientSecurity,
  kafkaConsumerTuning,
  MessagingModule,
  messagingTablesMigration,
} from '@sms/messaging';
import { ObservabilityModule } from '@sms/observability';
import { PersistenceModule } from '@sms/persistence';
import { type Clock } from './clock/clock';
import { ClockModule } from './clock/clock.module';
import { ClientRateLimitModule, PrincipalRateLimitModule } from './rate-limit/rate-limit.module';
import { OpsServer } from './ops/ops-server';
import { SessionController } from './session.controller';
import { TIME_TRAVEL_ENABLED, TimeTravel } from './time-travel';
import type { ServiceConfig } from './service-config';

export interface ServiceCoreOptions {
  service: string;
  // The service's own PostgreSQL schema.
  schema: string;
  config: ServiceConfig;
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
  // Replaceable so tests decide which moment it is; the wall clock otherwise.
  clock?: Clock;
}

// What every service stands on: health and metrics, its database schema with migrations, Kafka with
// outbox and dead-letter topics, and bearer tokens from the configured issuer checked on every route.
@Module({})
export class ServiceCoreModule {
  static forRoot(options: ServiceCoreOptions): DynamicModule {
    const { config } = options;
    return {
      module: ServiceCoreModule,
      // Global so every feature module can inject what it provides (TimeTravel, the clock).
      global: true,
      imports: [
        ClockModule.forRoot(options.clock),
        ObservabilityModule.forRoot({
          service: options.service,
          opsToken: config.OPS_TOKEN,
          metricsRoute: config.OPS_PORT === undefined,
        }),
        PersistenceModule.forRoot({
          clientUrl: config.DATABASE_URL,
          schema: options.schema,
          entities: options.entities,
          migrations: [messagingTablesMigration, ...options.migrations],
          poolSize: config.DATABASE_POOL_SIZE,
        }),
        MessagingModule.forRoot({
          service: options.service,
          clientId: config.KAFKA_CLIENT_ID,
          brokers: config.KAFKA_BROKERS,
          security: kafkaClientSecurity(config),
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          schema: options.schema,
          consumer: kafkaConsumerTuning(config),
          partitions: { smsSent: config.KAFKA_SMS_SENT_PARTITIONS, other: config.KAFKA_TOPIC_PARTITIONS },
        }),
        ClientRateLimitModule.forRoot({
          windowMs: config.RATE_LIMIT_WINDOW_MS,
          perIp: config.RATE_LIMIT_PER_IP,
          perSubject: config.RATE_LIMIT_PER_SUBJECT,
          expensivePerSubject: config.RATE_LIMIT_EXPENSIVE_PER_SUBJECT,
          signInPerIp: config.RATE_LIMIT_SIGN_IN_PER_IP,
        }),
        AuthModule.forRoot({
          issuerUrl: config.AUTH_ISSUER_URL,
          audience: config.AUTH_AUDIENCE,
          accountClaim: config.AUTH_ACCOUNT_CLAIM,
          roleClaim: config.AUTH_ROLE_CLAIM,
          jwksUrl: config.AUTH_JWKS_URL,
        }),
        // After AuthModule, so its guard sees the verified principal.
        PrincipalRateLimitModule,
      ],
      controllers: [SessionController],
      providers: [
        { provide: TIME_TRAVEL_ENABLED, useValue: config.TIME_TRAVEL_ENABLED },
        TimeTravel,
        OpsServer,
      ],
      exports: [TimeTravel],
    };
  }
}
