import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, type Clock } from '@sms/runtime';
import { createLedgerServiceTestModule, purchaseGrant } from '../test/ledger-service-test';
import { CreditLimitModule } from './credit-limit/credit-limit.module';
import { CreditLimitService } from './credit-limit/credit-limit.service';
import { GrantsModule } from './grants/grants.module';
import { GrantsService } from './grants/grants.service';
import { HoldsModule } from './holds/holds.module';
import { HoldsService } from './holds/holds.service';
import { ListAllocationRepository } from './lists/list-allocation.repository';

jest.setTimeout(60_000);

// The times the ledger records come from the injected clock, so time travel in tests and demos
// moves them too.
describe('ledger recorded times', () => {
  const at = new Date('2031-03-04T05:06:07.000Z');
  const clock: Clock = { now: () => new Date(at) };
  let moduleRef: TestingModule;
  let em: EntityManager;

  async function accountWith(credits: number): Promise<string> {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    await moduleRef.get(GrantsService).applyGrants([purchaseGrant({ accountId, credits, at })]);
    return accountId;
  }

  async function timeOf(sql: string, params: unknown[]): Promise<string> {
    const [row] = await em.fork().execute<{ at: Date | string }[]>(sql, params);
    return new Date(row.at).toISOString();
  }

  beforeAll(async () => {
    moduleRef = await createLedgerServiceTestModule({
      label: 'ledger_recorded_times',
      imports: [GrantsModule, HoldsModule, CreditLimitModule],
      globals: [{ provide: CLOCK, useValue: clock }],
    });
    em = moduleRef.get(EntityManager);
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('closes a released hold at the clock time', async () => {
    const accountId = await accountWith(10);
    const { holdId } = await moduleRef
      .get(HoldsService)
      .place({ accountId, millicredits: 1_000, ttlSeconds: 600 });

    await moduleRef.get(HoldsService).release(accountId, holdId);

    expect(await timeOf('select closed_at as at from ledger.hold where id = ?', [holdId])).toBe(
      at.toISOString(),
    );
  });

  it("stamps a list's allocation at the clock time", async () => {
    const accountId = await accountWith(10);

    await moduleRef
      .get(ListAllocationRepository)
      .set(em.fork(), { accountId, listId: 'list_a', millicredits: 2_000 });

    expect(
      await timeOf('select updated_at as at from ledger.list_allocation where account_id = ?', [accountId]),
    ).toBe(at.toISOString());
  });

  it('records a credit-limit change at the clock time', async () => {
    const accountId = await accountWith(10);

    await moduleRef
      .get(CreditLimitService)
      .change({ accountId, overdraftMillicredits: 5_000, reason: 'trusted sender', changedBy: 'operator_1' });

    expect(
      await timeOf('select changed_at as at from ledger.credit_limit_change where account_id = ?', [
        accountId,
      ]),
    ).toBe(at.toISOString());
  });
});
