import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CreditsGrantedEvent, type CreditsReversedEvent, Topics } from '@sms/contracts';
import type { InboundEvent } from '@sms/messaging';
import { createLedgerServiceTestModule, journalKinds } from '../../test/ledger-service-test';
import { ReversalsModule } from '../reversals/reversals.module';
import { ReversalsService } from '../reversals/reversals.service';
import { GrantsModule } from './grants.module';
import { GrantsService } from './grants.service';

jest.setTimeout(60_000);

// The grant rules against real PostgreSQL, without Kafka or HTTP.
describe(GrantsService.name, () => {
  let moduleRef: TestingModule;
  let grants: GrantsService;
  let reversals: ReversalsService;
  let em: EntityManager;

  const asInbound = <T>(payload: T): InboundEvent<T> => ({
    payload,
    key: null,
    topic: 'test',
    partition: 0,
    offset: '0',
    timestamp: new Date().toISOString(),
  });

  const grantEvent = (
    accountId: string,
    credits: number,
    orderId = `ord_${randomUUID()}`,
  ): CreditsGrantedEvent => ({
    schemaVersion: 2,
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    accountId,
    orderId,
    grantedMillicredits: credits * 1000,
    source: 'purchase',
    expiry: { kind: 'never' },
  });

  const reversalEvent = (accountId: string, orderId: string, millicredits: number): CreditsReversedEvent => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    accountId,
    reversalId: `rev_${randomUUID()}`,
    orderId,
    reason: 'refund',
    reversedMillicredits: millicredits,
    amountMinor: 100,
    currency: 'EUR',
    creditNoteNumber: null,
  });

  const newAccountId = () => `acc_${randomUUID().slice(0, 8)}`;

  async function balanceOf(accountId: string): Promise<number> {
    const [row] = await em
      .fork()
      .execute<{ balance: string }[]>(
        `select balance_millicredits as balance from ledger.account where id = ?`,
        [accountId],
      );
    return Number(row.balance);
  }

  async function lotsOf(accountId: string): Promise<{ granted: number; remaining: number }[]> {
    const rows = await em.fork().execute<{ granted: string; remaining: string }[]>(
      `select granted_millicredits as granted, remaining_millicredits as remaining from ledger.credit_lot
         where account_id = ? order by seq`,
      [accountId],
    );
    return rows.map((row) => ({ granted: Number(row.granted), remaining: Number(row.remaining) }));
  }

  async function outboxCount(topic: string, accountId: string): Promise<number> {
    const [row] = await em
      .fork()
      .execute<{ count: string }[]>(
        `select count(*) as count from ledger.outbox where topic = ? and payload->>'accountId' = ?`,
        [topic, accountId],
      );
    return Number(row.count);
  }

  beforeAll(async () => {
    moduleRef = await createLedgerServiceTestModule({
      label: 'ledger_grants_service',
      imports: [GrantsModule, ReversalsModule],
    });
    grants = moduleRef.get(GrantsService);
    reversals = moduleRef.get(ReversalsService);
    em = moduleRef.get(EntityManager);
  });

  afterAll(async () => {
    await moduleRef.close();
  });

  it('creates the account with its first grant and credits it once when the order is delivered twice', async () => {
    const accountId = newAccountId();
    const grant = grantEvent(accountId, 10);

    await grants.applyGrants([asInbound(grant)]);
    await grants.applyGrants([asInbound({ ...grant, eventId: randomUUID() })]);

    expect(await balanceOf(accountId)).toBe(10_000);
    expect(await lotsOf(accountId)).toEqual([{ granted: 10_000, remaining: 10_000 }]);
    expect(await journalKinds(em, accountId)).toEqual(['grant']);
    expect(await outboxCount(Topics.CreditsApplied, accountId)).toBe(1);
  });

  it('adds up several grants of one account in one batch', async () => {
    const accountId = newAccountId();

    await grants.applyGrants([asInbound(grantEvent(accountId, 3)), asInbound(grantEvent(accountId, 4))]);

    expect(await balanceOf(accountId)).toBe(7_000);
    expect(await outboxCount(Topics.CreditsApplied, accountId)).toBe(2);
  });

  it('pays a deficit left by a reversal from the next grant before funding its lot', async () => {
    const accountId = newAccountId();
    const first = grantEvent(accountId, 10);
    await grants.applyGrants([asInbound(first)]);
    await reversals.reverse([reversalEvent(accountId, first.orderId, 12_000)]);
    expect(await balanceOf(accountId)).toBe(-2_000);

    await grants.applyGrants([asInbound(grantEvent(accountId, 10))]);

    expect(await balanceOf(accountId)).toBe(8_000);
    expect((await lotsOf(accountId)).map((lot) => lot.remaining)).toEqual([0, 8_000]);
    expect(await journalKinds(em, accountId)).toEqual(['grant', 'reversal', 'grant', 'deficit_netting']);
  });
});
