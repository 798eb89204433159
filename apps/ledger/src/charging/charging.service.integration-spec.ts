import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import type { CreditsGrantedEvent, SmsSentEvent } from '@sms/contracts';
import type { InboundEvent } from '@sms/messaging';
import { createServiceTestModule } from '@sms/testing';
import { AccountRepository } from '../accounts/account.repository';
import { LedgerConfigModule } from '../config/ledger-config.module';
import { readLedgerConfig } from '../config/ledger.config';
import { GrantsModule } from '../grants/grants.module';
import { GrantsService } from '../grants/grants.service';
import { JournalModule } from '../journal/journal.module';
import { JournalReader } from '../journal/journal.reader';
import { JournalWriter } from '../journal/journal.writer';
import { ledgerEntities } from '../ledger.entities';
import { ledgerMigrations } from '../migrations';
import { ChargingModule } from './charging.module';
import { ChargingService } from './charging.service';

jest.setTimeout(60_000);

// The charging service against real PostgreSQL, without Kafka or HTTP: batches are handed to it as
// the consumer runtime would, so each rule is checked on the rows it leaves.
describe(ChargingService.name, () => {
  let moduleRef: TestingModule;
  let orm: { em: EntityManager };
  let charging: ChargingService;
  let grants: GrantsService;
  let offset = 0;

  beforeAll(async () => {
    moduleRef = await createServiceTestModule({
      label: 'ledger_charging_service',
      schema: 'ledger',
      entities: ledgerEntities,
      migrations: ledgerMigrations,
      imports: [
        LedgerConfigModule.forRoot(readLedgerConfig({ NODE_ENV: 'test', LEDGER_SCHEDULER_ENABLED: 'false' })),
        ChargingModule,
        GrantsModule,
        JournalModule,
      ],
    });
    orm = { em: moduleRef.get(EntityManager) };
    charging = moduleRef.get(ChargingService);
    grants = moduleRef.get(GrantsService);
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  const em = (): EntityManager => orm.em.fork();

  function inbound<T>(payload: T): InboundEvent<T> {
    offset += 1;
    return { payload, key: null, topic: 'sms.sent', partition: 0, offset: String(offset), timestamp: '0' };
  }

  function sms(accountId: string, extra: Partial<SmsSentEvent> = {}): InboundEvent<SmsSentEvent> {
    return inbound({
      schemaVersion: 1,
      messageId: `m_${randomUUID()}`,
      accountId,
      to: '+393471234567',
      segments: 1,
      sentAt: new Date().toISOString(),
      ...extra,
    });
  }

  async function account(): Promise<string> {
    const id = `acc_${randomUUID().slice(0, 8)}`;
    await em().transactional((tx) => moduleRef.get(AccountRepository).ensure(tx, id, { homeCountry: 'IT' }));
    return id;
  }

  async function grant(accountId: string, credits: number): Promise<void> {
    await grants.applyGrants([
      inbound<CreditsGrantedEvent>({
        schemaVersion: 2,
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        accountId,
        orderId: `ord_${randomUUID().slice(0, 8)}`,
        grantedMillicredits: credits * 1000,
        source: 'purchase',
        expiry: { kind: 'never' },
      }),
    ]);
  }

  async function balance(accountId: string): Promise<number> {
    const rows = await em().execute<{ balance: number }[]>(
      `select balance_millicredits::bigint as balance from ledger.account where id = ?`,
      [accountId],
    );
    return rows[0].balance;
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    const rows = await em().execute<{ n: number }[]>(`select count(*)::int as n from ${sql}`, params);
    return rows[0].n;
  }

  async function journalDifferences(): Promise<unknown[]> {
    return (await moduleRef.get(JournalReader).check(em())).differences;
  }

  it('charges each message once when the same batch is delivered again', async () => {
    const id = await account();
    await grant(id, 100);
    const batch = [sms(id, { segments: 2 }), sms(id), sms(id)];
    await charging.chargeBatch(batch);
    await charging.chargeBatch(batch);
    await charging.chargeBatch(batch.slice(1));

    // IT is charged at the default rate: one credit per segment.
    expect(await balance(id)).toBe(100_000 - 4_000);
    expect(await count(`ledger.charge where account_id = ?`, [id])).toBe(3);
    expect(await journalDifferences()).toEqual([]);
  });

  it('charges a message once when its id repeats within one batch', async () => {
    const id = await account();
    const first = sms(id, { messageId: 'same' });
    await charging.chargeBatch([first, sms(id, { messageId: 'same' })]);
    expect(await balance(id)).toBe(-1_000);
  });

  it('charges the same message id once for each account that sent it', async () => {
    const [a, b] = [await account(), await account()];
    await charging.chargeBatch([sms(a, { messageId: 'shared' }), sms(b, { messageId: 'shared' })]);
    expect([await balance(a), await balance(b)]).toEqual([-1_000, -1_000]);
  });

  it('rejects the messages of unknown accounts and charges the rest of the batch', async () => {
    const id = await account();
    const { rejected } = await charging.chargeBatch([sms(id), sms('acc_nobody'), sms(id)]);
    expect(rejected.map((r) => r.reason)).toEqual(['unknown account acc_nobody']);
    expect(await balance(id)).toBe(-2_000);
  });

  it('spreads a batch over many accounts with one balance update and one journal entry per account', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, () => account()));
    for (const id of ids.slice(0, 10)) {
      await grant(id, 5);
    }
    const batch = Array.from({ length: 500 }, (_, i) =>
      sms(ids[i % ids.length], { campaignId: 'spring', segments: 1 + (i % 3) }),
    );
    await charging.chargeBatch(batch);

    const expected = new Map<string, number>();
    for (const event of batch) {
      expected.set(
        event.payload.accountId,
        (expected.get(event.payload.accountId) ?? 0) + event.payload.segments! * 1000,
      );
    }
    for (const [index, id] of ids.entries()) {
      expect(await balance(id)).toBe((index < 10 ? 5_000 : 0) - expected.get(id)!);
    }
    expect(
      await count(
        `ledger.journal_entry where kind = 'sms_charge' and account_id in (select jsonb_array_elements_text(?::jsonb))`,
        [JSON.stringify(ids)],
      ),
    ).toBe(ids.length);
    // Lots are spent down to zero, never below: the rest of the charge is a deficit.
    expect(
      await count(
        `ledger.credit_lot where account_id in (select jsonb_array_elements_text(?::jsonb)) and remaining_millicredits <> 0`,
        [JSON.stringify(ids)],
      ),
    ).toBe(0);
    expect(await journalDifferences()).toEqual([]);
  });

  it('announces balance.depleted once per account however many batches land below zero', async () => {
    const id = await account();
    await grant(id, 2);
    await charging.chargeBatch([sms(id), sms(id)]);
    await charging.chargeBatch([sms(id)]);
    await charging.chargeBatch([sms(id)]);
    expect(await count(`ledger.outbox where topic = 'balance.depleted' and key = ?`, [id])).toBe(1);
  });

  it('settles messages sent under a hold against what the hold reserved', async () => {
    const id = await account();
    await grant(id, 10);
    const holdId = `hold_${randomUUID().slice(0, 8)}`;
    await em().transactional(async (tx) => {
      await tx.execute(
        `insert into ledger.hold (id, account_id, requested_millicredits, granted_millicredits,
           remaining_millicredits, expires_at)
         values (?, ?, 3000, 3000, 3000, now() + interval '1 hour')`,
        [holdId, id],
      );
      await tx.execute(`update ledger.account set held_millicredits = 3000 where id = ?`, [id]);
      await moduleRef.get(JournalWriter).append(tx, [
        {
          accountId: id,
          kind: 'hold',
          amountMillicredits: 0,
          reference: holdId,
          postings: [
            { ledgerAccount: 'held', amountMillicredits: 3000 },
            { ledgerAccount: 'hold_reserve', amountMillicredits: -3000 },
          ],
        },
      ]);
    });
    await charging.chargeBatch([sms(id, { holdId }), sms(id, { holdId })]);
    const rows = await em().execute<{ remaining: number; held: number }[]>(
      `select h.remaining_millicredits::bigint as remaining, a.held_millicredits::bigint as held
       from ledger.hold h join ledger.account a on a.id = h.account_id where h.id = ?`,
      [holdId],
    );
    expect(rows[0]).toEqual({ remaining: 1000, held: 1000 });
    expect(await balance(id)).toBe(8_000);
    expect(await journalDifferences()).toEqual([]);
  });
});
