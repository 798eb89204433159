import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { Topics } from '@sms/contracts';
import { createLedgerServiceTestModule, journalKinds, purchaseGrant } from '../../test/ledger-service-test';
import { AccountRepository } from '../accounts/account.repository';
import { GrantsModule } from '../grants/grants.module';
import { GrantsService } from '../grants/grants.service';
import { ListAllocationRepository } from '../lists/list-allocation.repository';
import { HoldsModule } from './holds.module';
import { HoldsService } from './holds.service';

jest.setTimeout(60_000);

// The hold rules against real PostgreSQL, without Kafka or HTTP.
describe(HoldsService.name, () => {
  let moduleRef: TestingModule;
  let holds: HoldsService;
  let em: EntityManager;

  // An account with credits, created the way billing creates them: by a grant.
  async function accountWith(credits: number, settings: { listMode?: 'allocated' } = {}): Promise<string> {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    await moduleRef.get(GrantsService).applyGrants([purchaseGrant({ accountId, credits })]);
    await moduleRef.get(AccountRepository).updateSettings(em.fork(), accountId, settings);
    return accountId;
  }

  async function heldOf(accountId: string): Promise<number> {
    const account = await moduleRef.get(AccountRepository).find(em.fork(), accountId);
    return account!.heldMillicredits;
  }

  beforeAll(async () => {
    moduleRef = await createLedgerServiceTestModule({
      label: 'ledger_holds_service',
      imports: [GrantsModule, HoldsModule],
    });
    holds = moduleRef.get(HoldsService);
    em = moduleRef.get(EntityManager);
  });

  afterAll(async () => {
    await moduleRef.close();
  });

  it('grants no more than is available and announces the account depleted once nothing is left', async () => {
    const accountId = await accountWith(10);

    const first = await holds.place({ accountId, millicredits: 15_000, ttlSeconds: 600 });
    const second = await holds.place({ accountId, millicredits: 1_000, ttlSeconds: 600 });

    expect(first).toMatchObject({ requestedMillicredits: 15_000, grantedMillicredits: 10_000 });
    expect(second.grantedMillicredits).toBe(0);
    expect(await heldOf(accountId)).toBe(10_000);
    const [depleted] = await em
      .fork()
      .execute<{ count: string }[]>(
        `select count(*) as count from ledger.outbox where topic = ? and payload->>'accountId' = ?`,
        [Topics.BalanceDepleted, accountId],
      );
    expect(Number(depleted.count)).toBe(1);
  });

  it('limits a hold on an allocated list to what the list still has free', async () => {
    const accountId = await accountWith(10, { listMode: 'allocated' });
    await moduleRef
      .get(ListAllocationRepository)
      .set(em.fork(), { accountId, listId: 'list_a', millicredits: 3_000 });

    const onList = await holds.place({ accountId, millicredits: 2_000, listId: 'list_a', ttlSeconds: 600 });
    const next = await holds.place({ accountId, millicredits: 2_000, listId: 'list_a', ttlSeconds: 600 });

    expect(onList.grantedMillicredits).toBe(2_000);
    expect(next.grantedMillicredits).toBe(1_000);
  });

  it('gives the reserved credits back once when a hold is released twice', async () => {
    const accountId = await accountWith(10);
    const { holdId } = await holds.place({ accountId, millicredits: 4_000, ttlSeconds: 600 });

    await holds.release(accountId, holdId);
    const again = await holds.release(accountId, holdId);

    expect(again).toMatchObject({ status: 'released', remainingMillicredits: 0 });
    expect(await heldOf(accountId)).toBe(0);
    expect(await journalKinds(em, accountId)).toEqual(['grant', 'hold', 'hold_release']);
  });

  it('expires an open hold whose time to live has passed, and only once', async () => {
    const accountId = await accountWith(10);
    const { holdId } = await holds.place({ accountId, millicredits: 4_000, ttlSeconds: 0 });

    await holds.expireDue();
    await holds.expireDue();

    expect(await holds.get(accountId, holdId)).toMatchObject({ status: 'expired', remainingMillicredits: 0 });
    expect(await heldOf(accountId)).toBe(0);
    expect((await journalKinds(em, accountId)).filter((kind) => kind === 'hold_release')).toHaveLength(1);
  });
});
