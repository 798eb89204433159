import { DynamicModule, Module, type Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { Inbox, messagingTablesMigration, type MessagingOptions, Outbox } from '@sms/messaging';
import { createOrmOptions, UnitOfWork } from '@sms/persistence';
import { CLOCK, systemClock } from '@sms/runtime';
import { createTestDatabase } from '@sms/testing';
import { billingEntities } from '../src/billing.entities';
import { readBillingConfig } from '../src/config/billing.config';
import { billingMigrations } from '../src/migrations';
import { SharedModule } from '../src/shared/shared.module';

// The outbox and inbox are tables of billing's own schema; with no relay and no consumers running,
// events stay in the outbox where a test reads them.
@Module({})
class TablesOnlyMessagingModule {
  static forSchema(schema: string): DynamicModule {
    const options: MessagingOptions = {
      service: 'billing',
      clientId: 'billing',
      brokers: [],
      topicPrefix: '',
      schema,
    };
    return {
      module: TablesOnlyMessagingModule,
      global: true,
      providers: [
        { provide: Outbox, useValue: new Outbox(options) },
        { provide: Inbox, useValue: new Inbox(options) },
        UnitOfWork,
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [Outbox, Inbox, UnitOfWork, CLOCK],
    };
  }
}

// Billing's feature modules on a throwaway database of the test run's PostgreSQL, with no HTTP server
// and no Kafka: a test calls the services and reads the tables (outbox included) directly.
export class BillingServices {
  private constructor(
    private readonly module: TestingModule,
    readonly db: Client,
  ) {}

  static async start(label: string, features: Type[]): Promise<BillingServices> {
    const databaseUrl = await createTestDatabase(label);
    const config = readBillingConfig({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PAYMENT_SIMULATOR_ENABLED: 'true',
      LOG_LEVEL: 'error',
    });
    const module = await Test.createTestingModule({
      imports: [
        MikroOrmModule.forRoot({
          ...createOrmOptions({
            clientUrl: databaseUrl,
            schema: 'billing',
            entities: billingEntities,
            migrations: [messagingTablesMigration, ...billingMigrations],
            poolSize: 4,
          }),
          registerRequestContext: false,
        }),
        TablesOnlyMessagingModule.forSchema('billing'),
        SharedModule.forRoot(config),
        ...features,
      ],
    }).compile();
    await module.get(MikroORM).getMigrator().up();
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    return new BillingServices(module, db);
  }

  get<T>(type: Type<T>): T {
    return this.module.get(type, { strict: false });
  }

  async stop(): Promise<void> {
    await this.db.end();
    await this.module.close();
  }

  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }

  async outbox<T = Record<string, unknown>>(topic: string, accountId: string): Promise<T[]> {
    return (
      await this.query<{ payload: T }>(
        'select payload from billing.outbox where topic = $1 and key = $2 order by id',
        [topic, accountId],
      )
    ).map((row) => row.payload);
  }
}
