import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { CreditsGranted, CreditsReinstated, CreditsReversed, type EventContract } from '@sms/contracts';
import {
  createTestDatabase,
  createTestTopicPrefix,
  produceRaw,
  serviceTestEnv,
  TestIssuer,
  testInfrastructure,
  waitFor,
} from '@sms/testing';
import { readLedgerConfig } from '../config/ledger.config';
import { startLedger } from '../start-ledger';

jest.setTimeout(90_000);

describe('credit reversals in the ledger', () => {
  let app: INestApplication;
  let db: Client;
  let prefix: string;
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    const databaseUrl = await createTestDatabase('ledger_reversals');
    prefix = await createTestTopicPrefix('ledger_reversals');
    const config = readLedgerConfig(
      serviceTestEnv({
        databaseUrl,
        topicPrefix: prefix,
        issuer,
        service: 'ledger',
        extra: { LEDGER_SCHEDULER_ENABLED: 'false' },
      }),
    );
    app = await startLedger(config, '127.0.0.1');
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await issuer?.stop();
  });

  const publish = async <T extends { accountId: string }>(contract: EventContract<T>, payloads: T[]) =>
    produceRaw({
      brokers: testInfrastructure().kafkaBrokers,
      topic: `${prefix}${contract.topic}`,
      messages: payloads.map((p) => ({ key: p.accountId, value: JSON.stringify(p) })),
    });

  const envelope = (accountId: string) => ({
    schemaVersion: 1 as const,
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    accountId,
  });
  const grantEnvelope = (accountId: string) => ({ ...envelope(accountId), schemaVersion: 2 as const });

  const balance = async (accountId: string): Promise<number> =>
    Number(
      (await db.query('select balance_millicredits from ledger.account where id = $1', [accountId])).rows[0]
        ?.balance_millicredits ?? NaN,
    );

  const entries = async (accountId: string) =>
    (
      await db.query<{ kind: string; amount: string }>(
        `select kind, amount_millicredits as amount from ledger.journal_entry
         where account_id = $1 and kind in ('reversal', 'reinstatement') order by seq`,
        [accountId],
      )
    ).rows.map((r) => [r.kind, Number(r.amount)]);

  it('reverses once per reversal id, into a deficit, taking the order lot first, and reinstates', async () => {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    await publish(CreditsGranted, [
      {
        ...grantEnvelope(accountId),
        orderId: 'ord_keep',
        grantedMillicredits: 5_000_000,
        source: 'purchase',
        expiry: { kind: 'never' },
      },
      {
        ...grantEnvelope(accountId),
        orderId: 'ord_back',
        grantedMillicredits: 10_000_000,
        source: 'purchase',
        expiry: { kind: 'never' },
      },
    ]);
    await waitFor(async () => (await balance(accountId)) === 15_000_000, { what: 'grants' });
    const reversal = {
      ...envelope(accountId),
      reversalId: 'rev_1',
      orderId: 'ord_back',
      reason: 'refund' as const,
      reversedMillicredits: 10_000_000,
      amountMinor: 4500,
      currency: 'EUR',
      creditNoteNumber: 'SMSC-CN-2026-000001',
    };
    await publish(CreditsReversed, [reversal, reversal]);
    await publish(CreditsReversed, [reversal]);
    await waitFor(async () => (await balance(accountId)) === 5_000_000, { what: 'reversal' });
    const lots = await db.query<{ order_id: string; remaining: string }>(
      'select order_id, remaining_millicredits as remaining from ledger.credit_lot where account_id = $1 order by order_id',
      [accountId],
    );
    expect(lots.rows.map((r) => [r.order_id, Number(r.remaining)])).toEqual([
      ['ord_back', 0],
      ['ord_keep', 5_000_000],
    ]);

    // A dispute on the remaining order takes more than is left: the balance goes negative.
    await publish(CreditsReversed, [
      {
        ...reversal,
        eventId: randomUUID(),
        reversalId: 'rev_2',
        orderId: 'ord_other',
        reason: 'dispute_opened',
        reversedMillicredits: 7_000_000,
        creditNoteNumber: null,
      },
    ]);
    await waitFor(async () => (await balance(accountId)) === -2_000_000, { what: 'deficit' });
    await publish(CreditsReinstated, [
      {
        ...envelope(accountId),
        reinstatementId: 'rev_3',
        orderId: 'ord_other',
        reason: 'dispute_won',
        reinstatedMillicredits: 7_000_000,
        amountMinor: 3150,
        currency: 'EUR',
      },
    ]);
    await waitFor(async () => (await balance(accountId)) === 5_000_000, { what: 'reinstatement' });
    expect(await entries(accountId)).toEqual([
      ['reversal', -10_000_000],
      ['reversal', -7_000_000],
      ['reinstatement', 7_000_000],
    ]);
    // The reinstated lot paid the deficit first: 7,000 given back, 2,000 of it netted.
    const newest = await db.query<{ remaining: string }>(
      "select remaining_millicredits as remaining from ledger.credit_lot where account_id = $1 and source = 'adjustment'",
      [accountId],
    );
    expect(newest.rows.map((r) => Number(r.remaining))).toEqual([5_000_000]);
  });
});
