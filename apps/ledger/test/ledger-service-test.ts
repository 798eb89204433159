import { randomUUID } from 'node:crypto';
import type { ModuleMetadata, Provider } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CreditsGrantedEvent, ExpiryRuleValue } from '@sms/contracts';
import type { InboundEvent } from '@sms/messaging';
import { createServiceTestModule } from '@sms/testing';
import { LedgerConfigModule } from '../src/config/ledger-config.module';
import { readLedgerConfig } from '../src/config/ledger.config';
import { ledgerEntities } from '../src/ledger.entities';
import { ledgerMigrations } from '../src/migrations';

// The ledger's feature modules on a migrated database of their own, with the scheduler off: a
// service test calls the service and reads the rows it wrote.
export function createLedgerServiceTestModule(options: {
  label: string;
  imports: NonNullable<ModuleMetadata['imports']>;
  globals?: Provider[];
}): Promise<TestingModule> {
  return createServiceTestModule({
    label: options.label,
    schema: 'ledger',
    entities: ledgerEntities,
    migrations: ledgerMigrations,
    imports: [
      LedgerConfigModule.forRoot(readLedgerConfig({ NODE_ENV: 'test', LEDGER_SCHEDULER_ENABLED: 'false' })),
      ...options.imports,
    ],
    globals: options.globals,
  });
}

// A purchase's credits.granted as the grants consumer receives it.
export function purchaseGrant(options: {
  accountId: string;
  credits: number;
  expiry?: ExpiryRuleValue;
  at?: Date;
}): InboundEvent<CreditsGrantedEvent> {
  const at = (options.at ?? new Date()).toISOString();
  return {
    payload: {
      schemaVersion: 2,
      eventId: randomUUID(),
      occurredAt: at,
      accountId: options.accountId,
      orderId: `ord_${randomUUID()}`,
      grantedMillicredits: options.credits * 1000,
      source: 'purchase',
      expiry: options.expiry ?? { kind: 'never' },
    },
    key: options.accountId,
    topic: 'test',
    partition: 0,
    offset: '0',
    timestamp: at,
  };
}

// The kinds of an account's journal entries, oldest first.
export async function journalKinds(em: EntityManager, accountId: string): Promise<string[]> {
  const rows = await em
    .fork()
    .execute<{ kind: string }[]>(`select kind from ledger.journal_entry where account_id = ? order by seq`, [
      accountId,
    ]);
  return rows.map((row) => row.kind);
}
