import type { Type } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { createServiceTestModule } from '@sms/testing';
import { billingEntities } from '../src/billing.entities';
import { readBillingConfig } from '../src/config/billing.config';
import { billingMigrations } from '../src/migrations';
import { SharedModule } from '../src/shared/shared.module';

// Billing's feature modules on a throwaway database, with no HTTP server and no Kafka: a test calls
// the services and reads billing's tables (outbox included). Test cards are on, as in every billing test.
export function createBillingServiceTestModule(label: string, features: Type[]): Promise<TestingModule> {
  return createServiceTestModule({
    label,
    schema: 'billing',
    entities: billingEntities,
    migrations: billingMigrations,
    imports: [
      SharedModule.forRoot(
        readBillingConfig({ NODE_ENV: 'test', PAYMENT_SIMULATOR_ENABLED: 'true', LOG_LEVEL: 'error' }),
      ),
      ...features,
    ],
  });
}

// The payloads billing wrote to its outbox for one account on one topic, oldest first.
export async function outboxPayloads<T = Record<string, unknown>>(
  moduleRef: TestingModule,
  topic: string,
  accountId: string,
): Promise<T[]> {
  const rows = await moduleRef
    .get(EntityManager)
    .fork()
    .execute<{ payload: T }[]>('select payload from billing.outbox where topic = ? and key = ? order by id', [
      topic,
      accountId,
    ]);
  return rows.map((row) => row.payload);
}

// Rows read straight from billing's tables, outside any unit of work of the code under test.
export function queryRows<T extends object>(
  moduleRef: TestingModule,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return moduleRef.get(EntityManager).fork().execute<T[]>(sql, params);
}
