import { type DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { MigrationObject } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Inbox, type MessagingOptions, messagingTablesMigration, Outbox } from '@sms/messaging';
import { createOrmOptions, UnitOfWork } from '@sms/persistence';
import { CLOCK, systemClock } from '@sms/runtime';
import { createTestDatabase } from './isolation';

// The outbox and inbox on the service's schema, without a Kafka connection: events a service writes
// stay in its outbox table, where the test reads them. With them, whatever else the app's core module
// would provide to every feature: a unit of work, the system clock, and what the test gives.
function testCore(schema: string, globals: Provider[]): DynamicModule {
  const options: MessagingOptions = {
    service: 'test',
    clientId: 'test',
    brokers: [],
    topicPrefix: '',
    schema,
  };
  @Module({})
  class ServiceTestCoreModule {}
  return {
    module: ServiceTestCoreModule,
    global: true,
    providers: [
      { provide: Outbox, useFactory: () => new Outbox(options) },
      { provide: Inbox, useFactory: () => new Inbox(options) },
      UnitOfWork,
      { provide: CLOCK, useValue: systemClock },
      ...globals,
    ],
    exports: [
      Outbox,
      Inbox,
      UnitOfWork,
      CLOCK,
      ...globals.map((provider) => ('provide' in provider ? provider.provide : provider)),
    ],
  };
}

// A service's feature modules against a real PostgreSQL database of their own, migrated, with no
// Kafka and no HTTP: a rule's test calls the service and reads the rows it wrote.
export async function createServiceTestModule(options: {
  label: string;
  schema: string;
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
  imports: NonNullable<ModuleMetadata['imports']>;
  // Provided to every module, as the app's global core module would.
  globals?: Provider[];
}): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      MikroOrmModule.forRoot(
        createOrmOptions({
          clientUrl: await createTestDatabase(options.label),
          schema: options.schema,
          entities: options.entities,
          migrations: [messagingTablesMigration, ...options.migrations],
          poolSize: 4,
        }),
      ),
      testCore(options.schema, options.globals ?? []),
      ...options.imports,
    ],
  }).compile();
  await moduleRef.get(MikroORM).getMigrator().up();
  return moduleRef;
}
