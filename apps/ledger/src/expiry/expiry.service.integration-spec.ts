import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ExpiryRuleValue } from '@sms/contracts';
import { Topics } from '@sms/contracts';
import { TimeTravel } from '@sms/runtime';
import { createLedgerServiceTestModule, purchaseGrant } from '../../test/ledger-service-test';
import { AccountRepository } from '../accounts/account.repository';
import { GrantsModule } from '../grants/grants.module';
import { GrantsService } from '../grants/grants.service';
import { ListAllocationRepository } from '../lists/list-allocation.repository';
import { ExpiryModule } from './expiry.module';
import { ExpiryService } from './expiry.service';

jest.setTimeout(60_000);

// The expiry job against real PostgreSQL, without Kafka or HTTP: runs are driven with an explicit asOf.
describe(ExpiryService.name, () => {
  let moduleRef: TestingModule;
  let expiry: ExpiryService;
  let em: EntityManager;

  async function grant(accountId: string, credits: number, rule: ExpiryRuleValue): Promise<void> {
    await moduleRef.get(GrantsService).applyGrants([purchaseGrant({ accountId, credits, expiry: rule })]);
  }

  async function outboxPayloads(topic: string, accountId: string): Promise<Record<string, unknown>[]> {
    const rows = await em
      .fork()
      .execute<{ payload: Record<string, unknown> }[]>(
        `select payload from ledger.outbox where topic = ? and payload->>'accountId' = ? order by id`,
        [topic, accountId],
      );
    return rows.map((row) => row.payload);
  }

  beforeAll(async () => {
    moduleRef = await createLedgerServiceTestModule({
      label: 'ledger_expiry_service',
      imports: [GrantsModule, ExpiryModule],
      // The service is called with its asOf directly; the operator route's switch stays off.
      globals: [{ provide: TimeTravel, useValue: new TimeTravel(false) }],
    });
    expiry = moduleRef.get(ExpiryService);
    em = moduleRef.get(EntityManager);
  });

  afterAll(async () => {
    await moduleRef.close();
  });

  it('expires several lots of an account in one run, each taken from the lists its predecessors left', async () => {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    await grant(accountId, 60, { kind: 'never' });
    await grant(accountId, 100, { kind: 'on', date: '2027-03-30' });
    await grant(accountId, 50, { kind: 'on', date: '2027-03-31' });
    await moduleRef.get(AccountRepository).updateSettings(em.fork(), accountId, { listMode: 'allocated' });
    const lists = moduleRef.get(ListAllocationRepository);
    await lists.set(em.fork(), { accountId, listId: 'list_a', millicredits: 50_000 });
    await lists.set(em.fork(), { accountId, listId: 'list_b', millicredits: 100_000 });

    const result = await expiry.run(new Date('2027-04-01T12:00:00Z'));

    expect(result).toMatchObject({ ran: true, expiredMillicredits: 150_000 });
    const account = await moduleRef.get(AccountRepository).find(em.fork(), accountId);
    expect(account?.balanceMillicredits).toBe(60_000);
    // First lot: 60,000 unassigned, then 40,000 split 1:2; second lot: 50,000 split 36,667:73,333.
    expect(
      (await lists.forAccount(em.fork(), accountId)).map((l) => [l.listId, l.remainingMillicredits]),
    ).toEqual([
      ['list_a', 20_000],
      ['list_b', 40_000],
    ]);
    const entries = await em
      .fork()
      .execute<{ details: { fromUnassigned: number; fromLists: Record<string, number> } }[]>(
        `select details from ledger.journal_entry where account_id = ? and kind = 'expiry' order by seq`,
        [accountId],
      );
    expect(entries.map((e) => e.details)).toEqual([
      expect.objectContaining({ fromUnassigned: 60_000, fromLists: { list_a: 13_333, list_b: 26_667 } }),
      expect.objectContaining({ fromUnassigned: 0, fromLists: { list_a: 16_667, list_b: 33_333 } }),
    ]);
    const expired = await outboxPayloads(Topics.CreditsExpired, accountId);
    expect(expired.map((e) => [e.expiredMillicredits, e.balanceMillicredits])).toEqual([
      [100_000, 110_000],
      [50_000, 60_000],
    ]);
  });

  it('does nothing more when the same moment is run again', async () => {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    await grant(accountId, 10, { kind: 'on', date: '2027-05-31' });
    const asOf = new Date('2027-06-02T00:00:00Z');

    await expiry.run(asOf);
    await expiry.run(asOf);

    expect(await outboxPayloads(Topics.CreditsExpired, accountId)).toHaveLength(1);
    const account = await moduleRef.get(AccountRepository).find(em.fork(), accountId);
    expect(account?.balanceMillicredits).toBe(0);
  });

  it('warns once per lot before it expires, judged in calendar days', async () => {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    await grant(accountId, 10, { kind: 'on', date: '2027-08-10' });
    const asOf = new Date('2027-08-03T09:00:00Z');

    await expiry.run(asOf);
    await expiry.run(asOf);

    const warnings = await outboxPayloads(Topics.CreditsExpiring, accountId);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      daysBefore: 7,
      expiryDate: '2027-08-10',
      remainingMillicredits: 10_000,
    });
  });
});
