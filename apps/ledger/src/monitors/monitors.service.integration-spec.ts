import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { type BalanceMonitorsConfiguredEvent, Topics } from '@sms/contracts';
import type { InboundEvent } from '@sms/messaging';
import { createLedgerServiceTestModule } from '../../test/ledger-service-test';
import { GrantsModule } from '../grants/grants.module';
import { GrantsService } from '../grants/grants.service';
import { MonitorsModule } from './monitors.module';
import { MonitorsService } from './monitors.service';

jest.setTimeout(60_000);

// Balance levels set through the API or declared by billing and the notifier, against real
// PostgreSQL without Kafka or HTTP.
describe(MonitorsService.name, () => {
  let moduleRef: TestingModule;
  let monitors: MonitorsService;
  let em: EntityManager;

  const inbound = <T>(payload: T): InboundEvent<T> => ({
    payload,
    key: null,
    topic: 'test',
    partition: 0,
    offset: '0',
    timestamp: new Date().toISOString(),
  });

  async function accountWith(credits: number): Promise<string> {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    await moduleRef.get(GrantsService).applyGrants([
      inbound({
        schemaVersion: 2 as const,
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        accountId,
        orderId: `ord_${randomUUID()}`,
        grantedMillicredits: credits * 1000,
        source: 'purchase' as const,
        expiry: { kind: 'never' as const },
      }),
    ]);
    return accountId;
  }

  async function lowEvents(accountId: string): Promise<{ levelMillicredits: number }[]> {
    const rows = await em
      .fork()
      .execute<{ payload: { levelMillicredits: number } }[]>(
        `select payload from ledger.outbox where topic = ? and payload->>'accountId' = ? order by id`,
        [Topics.BalanceLow, accountId],
      );
    return rows.map((row) => row.payload);
  }

  beforeAll(async () => {
    moduleRef = await createLedgerServiceTestModule({
      label: 'ledger_monitors_service',
      imports: [GrantsModule, MonitorsModule],
    });
    monitors = moduleRef.get(MonitorsService);
    em = moduleRef.get(EntityManager);
  });

  afterAll(async () => {
    await moduleRef.close();
  });

  it('announces a level set above the balance once, and not again when the same levels are saved', async () => {
    const accountId = await accountWith(10);

    const saved = await monitors.replace({
      accountId,
      purpose: 'low_balance_notice',
      levels: [20_000, 5_000],
    });
    await monitors.replace({ accountId, purpose: 'low_balance_notice', levels: [5_000, 20_000] });

    expect(saved.map((m) => [m.levelMillicredits, m.armed])).toEqual([
      [20_000, false],
      [5_000, true],
    ]);
    expect((await lowEvents(accountId)).map((e) => e.levelMillicredits)).toEqual([20_000]);
    expect(await monitors.list(accountId)).toEqual(saved);
  });

  it('replaces only the set of the purpose it is given', async () => {
    const accountId = await accountWith(10);
    await monitors.replace({ accountId, purpose: 'low_balance_notice', levels: [1_000] });
    await monitors.replace({ accountId, purpose: 'auto_topup', levels: [2_000, 3_000] });

    await monitors.replace({ accountId, purpose: 'auto_topup', levels: [3_000] });

    expect((await monitors.list(accountId)).map((m) => [m.purpose, m.levelMillicredits])).toEqual([
      ['auto_topup', 3_000],
      ['low_balance_notice', 1_000],
    ]);
  });

  it('judges the levels of an account that does not exist yet from a zero balance and announces nothing', async () => {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    const event: BalanceMonitorsConfiguredEvent = {
      schemaVersion: 1,
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      accountId,
      purpose: 'auto_topup',
      levelsMillicredits: [5_000],
    };

    await monitors.configure([inbound(event)]);

    expect((await monitors.list(accountId)).map((m) => [m.levelMillicredits, m.armed])).toEqual([
      [5_000, false],
    ]);
    expect(await lowEvents(accountId)).toEqual([]);
  });
});
