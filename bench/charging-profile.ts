/* Where a charging batch spends its time: the charging service against real PostgreSQL (no Kafka), one
   batch of one hot account against one spread over many accounts, timed per step of the transaction.
   Run: npm run bench:charging-profile [-- --batch 5000 --batches 20 --accounts 1000]
   Uses DATABASE_URL when set, otherwise starts a throwaway PostgreSQL (durable settings). */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { SmsSentEvent } from '@sms/contracts';
import { messagingTablesMigration, Outbox, type InboundEvent, type MessagingOptions } from '@sms/messaging';
import { createOrmOptions, UnitOfWork } from '@sms/persistence';
import { CLOCK, systemClock } from '@sms/runtime';
import { freePort } from '@sms/testing';
import { AccountRepository } from '../apps/ledger/src/accounts/account.repository';
import { ChargeRepository } from '../apps/ledger/src/charging/charge.repository';
import { ChargingModule } from '../apps/ledger/src/charging/charging.module';
import { ChargingService } from '../apps/ledger/src/charging/charging.service';
import { LedgerConfigModule } from '../apps/ledger/src/config/ledger-config.module';
import { readLedgerConfig } from '../apps/ledger/src/config/ledger.config';
import { HoldRepository } from '../apps/ledger/src/holds/hold.repository';
import { JournalWriter } from '../apps/ledger/src/journal/journal.writer';
import { ledgerEntities } from '../apps/ledger/src/ledger.entities';
import { ListAllocationRepository } from '../apps/ledger/src/lists/list-allocation.repository';
import { LotRepository } from '../apps/ledger/src/lots/lot.repository';
import { ledgerMigrations } from '../apps/ledger/src/migrations';
import { BalanceSignals } from '../apps/ledger/src/monitors/balance-signals.service';
import { RateCardRepository } from '../apps/ledger/src/rates/rate-card.repository';
import { createDatabase, startPostgres, stopPostgres } from '../tools/infra';
import { say, uptime } from './support/progress';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const BATCH = option('batch', 5000);
const BATCHES = option('batches', 20);
const ACCOUNTS = option('accounts', 1000);
const run = randomBytes(3).toString('hex');

// The steps of ChargingService.chargeBatch, each a repository call: timed by wrapping the method.
const spent = new Map<string, number>();

function timeMethod(target: Record<string, unknown>, method: string, label: string): void {
  const original = target[method] as (...args: unknown[]) => Promise<unknown>;
  target[method] = async (...args: unknown[]) => {
    const began = process.hrtime.bigint();
    try {
      return await original.apply(target, args);
    } finally {
      spent.set(label, (spent.get(label) ?? 0) + Number(process.hrtime.bigint() - began) / 1e6);
    }
  };
}

async function main(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  const dataDir = join(tmpdir(), `sms-charging-profile-${run}`);
  if (adminUrl === undefined) {
    adminUrl = (await startPostgres({ dataDir, port: await freePort() })).url;
  }
  try {
    const databaseUrl = await createDatabase(adminUrl, `charging_profile_${run}`);
    const options: MessagingOptions = {
      service: 'ledger',
      clientId: 'profile',
      brokers: [],
      topicPrefix: '',
      schema: 'ledger',
    };
    // What the ledger's persistence and messaging modules provide to charging, without Kafka.
    @Global()
    @Module({
      providers: [
        { provide: Outbox, useFactory: () => new Outbox(options) },
        UnitOfWork,
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [Outbox, UnitOfWork, CLOCK],
    })
    class OutboxOnlyModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        MikroOrmModule.forRoot(
          createOrmOptions({
            clientUrl: databaseUrl,
            schema: 'ledger',
            entities: ledgerEntities,
            migrations: [messagingTablesMigration, ...ledgerMigrations],
            poolSize: 4,
          }),
        ),
        OutboxOnlyModule,
        LedgerConfigModule.forRoot(readLedgerConfig({ NODE_ENV: 'test', LEDGER_SCHEDULER_ENABLED: 'false' })),
        ChargingModule,
      ],
    }).compile();
    await moduleRef.get(MikroORM).getMigrator().up();
    const get = (type: new (...args: never[]) => object): Record<string, unknown> =>
      moduleRef.get<object, Record<string, unknown>>(type, { strict: false });
    timeMethod(get(RateCardRepository), 'load', 'rate card');
    timeMethod(get(AccountRepository), 'existing', 'accounts exist');
    timeMethod(get(ChargeRepository), 'insertNew', 'insert charges');
    timeMethod(get(AccountRepository), 'lock', 'lock accounts');
    timeMethod(get(HoldRepository), 'consume', 'holds');
    timeMethod(get(LotRepository), 'spend', 'spend lots');
    timeMethod(get(AccountRepository), 'applyDeltas', 'update balances');
    timeMethod(get(ListAllocationRepository), 'take', 'lists');
    timeMethod(get(JournalWriter), 'append', 'journal');
    timeMethod(get(BalanceSignals), 'afterChanges', 'monitors and signals');
    const charging = moduleRef.get(ChargingService, { strict: false });
    const em = moduleRef.get(EntityManager);

    say(`charging profile: ${BATCHES} batches of ${BATCH} for 1 account and for ${ACCOUNTS}; ${uptime()}`);
    const results: Record<string, Record<string, number>> = {};
    for (const [name, count] of [
      ['warm-up', ACCOUNTS],
      ['hot-account', 1],
      [`${ACCOUNTS}-accounts`, ACCOUNTS],
    ] as const) {
      const accounts = Array.from({ length: count }, (_, i) => `${name}-${i}`);
      await em
        .fork()
        .execute(
          `insert into ledger.account (id, home_country) select jsonb_array_elements_text(?::jsonb), 'IT'`,
          [JSON.stringify(accounts)],
        );
      // Half the accounts have credits, so lots are spent too.
      await em.fork().execute(
        `insert into ledger.credit_lot (id, account_id, source, granted_millicredits, remaining_millicredits)
         select 'lot-' || a, a, 'purchase', 1000000000, 1000000000 from jsonb_array_elements_text(?::jsonb) a`,
        [JSON.stringify(accounts.filter((_, i) => i % 2 === 0))],
      );
      spent.clear();
      let total = 0;
      let n = 0;
      for (let b = 0; b < (name === 'warm-up' ? 3 : BATCHES); b++) {
        const events: InboundEvent<SmsSentEvent>[] = Array.from({ length: BATCH }, () => {
          n += 1;
          return {
            payload: {
              schemaVersion: 1,
              messageId: `m${n}`,
              accountId: accounts[n % accounts.length],
              to: '+393471234567',
              segments: 1 + (n % 3),
              campaignId: 'profile',
              sentAt: new Date().toISOString(),
            },
            key: null,
            topic: 'sms.sent',
            partition: 0,
            offset: String(n),
            timestamp: '0',
          };
        });
        const began = process.hrtime.bigint();
        await charging.chargeBatch(events);
        total += Number(process.hrtime.bigint() - began) / 1e6;
      }
      if (name === 'warm-up') {
        continue;
      }
      const perBatch = (ms: number) => Math.round((ms / BATCHES) * 10) / 10;
      results[name] = Object.fromEntries<number>([
        ['batch total', perBatch(total)],
        ...[...spent].map(([label, ms]): [string, number] => [label, perBatch(ms)]),
        ['in Node (pricing, aggregation)', perBatch(total - [...spent.values()].reduce((a, b) => a + b, 0))],
      ]);
      say(
        `${name}: ${perBatch(total)} ms per batch of ${BATCH} (${Math.round((BATCH * 1000) / perBatch(total))} events/s); ${uptime()}`,
      );
    }
    console.table(results);
    await moduleRef.close();
  } finally {
    if (process.env.DATABASE_URL === undefined) {
      await stopPostgres({ dataDir });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
