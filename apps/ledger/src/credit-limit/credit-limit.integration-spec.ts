import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Role } from '@sms/auth';
import { createTestDatabase, serviceTestEnv, TestIssuer, createTestTopicPrefix } from '@sms/testing';
import { readLedgerConfig } from '../config/ledger.config';
import { startLedger } from '../start-ledger';

jest.setTimeout(60_000);

describe('credit limit (overdraft)', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  let issuer: TestIssuer;
  const token = (role: Role, accountId: string, subject = `${role}@${accountId}.example`) =>
    issuer.bearer(accountId, role, subject);
  const operator = () => token('operator', 'platform', 'ops-alice@platform.example');

  async function newAccount(): Promise<string> {
    const id = `acc_${randomUUID().slice(0, 8)}`;
    const created = await http().post('/accounts').set('Authorization', token('owner', id)).send({ id });
    expect(created.status).toBe(201);
    return id;
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    const env = serviceTestEnv({
      issuer,
      databaseUrl: await createTestDatabase('ledger_credit_limit'),
      topicPrefix: await createTestTopicPrefix('ledger_credit_limit'),
      service: 'ledger',
      extra: { LEDGER_SCHEDULER_ENABLED: 'false' },
    });
    app = await startLedger(readLedgerConfig(env), '127.0.0.1');
  });

  afterAll(async () => {
    await app.close();
    await issuer.stop();
  });

  it.each(['owner', 'admin'] as const)(
    'refuses an overdraft chosen by an %s when creating or changing the account',
    async (role) => {
      const id = `acc_${randomUUID().slice(0, 8)}`;
      const created = await http()
        .post('/accounts')
        .set('Authorization', token(role, id))
        .send({ id, overdraftMillicredits: 1e15 });
      expect(created.status).toBe(400);
      expect(JSON.stringify(created.body.message)).toMatch(/credit limit is set by operators/);

      const existing = await newAccount();
      const patched = await http()
        .patch(`/accounts/${existing}`)
        .set('Authorization', token(role, existing))
        .send({ overdraftMillicredits: 1e15 });
      expect(patched.status).toBe(400);
      expect(JSON.stringify(patched.body.message)).toMatch(/credit limit is set by operators/);

      const changed = await http()
        .put(`/accounts/${existing}/credit-limit`)
        .set('Authorization', token(role, existing))
        .send({ overdraftMillicredits: 1e15, reason: 'I would like credit' });
      expect(changed.status).toBe(403);

      const account = await http().get(`/accounts/${existing}`).set('Authorization', token(role, existing));
      expect(account.body.overdraftMillicredits).toBe(0);
    },
  );

  it('lets an operator set the limit with a reason, and records who, when, old, new and why', async () => {
    const id = await newAccount();
    const before = Date.now();
    const first = await http()
      .put(`/accounts/${id}/credit-limit`)
      .set('Authorization', operator())
      .send({ overdraftMillicredits: 5_000, reason: 'Trusted customer, contract 114' });
    expect(first.status).toBe(200);
    const second = await http()
      .put(`/accounts/${id}/credit-limit`)
      .set('Authorization', token('operator', 'platform', 'ops-bob@platform.example'))
      .send({ overdraftMillicredits: 2_000, reason: 'Lowered after late payment' });
    expect(second.status).toBe(200);

    const owner = token('owner', id);
    const current = await http().get(`/accounts/${id}/credit-limit`).set('Authorization', owner);
    expect(current.body).toEqual({ accountId: id, overdraftMillicredits: 2_000 });

    const history = await http().get(`/accounts/${id}/credit-limit/changes`).set('Authorization', owner);
    expect(history.status).toBe(200);
    expect(history.body.nextCursor).toBeNull();
    expect(history.body.items).toMatchObject([
      {
        oldOverdraftMillicredits: 5_000,
        newOverdraftMillicredits: 2_000,
        reason: 'Lowered after late payment',
        changedBy: 'ops-bob@platform.example',
      },
      {
        oldOverdraftMillicredits: 0,
        newOverdraftMillicredits: 5_000,
        reason: 'Trusted customer, contract 114',
        changedBy: 'ops-alice@platform.example',
      },
    ]);
    for (const change of history.body.items as { changedAt: string }[]) {
      expect(new Date(change.changedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
  });

  it('requires a reason for a change', async () => {
    const id = await newAccount();
    const response = await http()
      .put(`/accounts/${id}/credit-limit`)
      .set('Authorization', operator())
      .send({ overdraftMillicredits: 5_000 });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.message)).toMatch(/reason/);
  });

  it('grants holds up to the limit the operator set, and no further', async () => {
    const id = await newAccount();
    const gateway = token('gateway', id);
    const hold = () =>
      http()
        .post(`/accounts/${id}/holds`)
        .set('Authorization', gateway)
        .send({ requestedMillicredits: 20_000, ttlSeconds: 60 });

    expect((await hold()).body.grantedMillicredits).toBe(0);
    await http()
      .put(`/accounts/${id}/credit-limit`)
      .set('Authorization', operator())
      .send({ overdraftMillicredits: 5_000, reason: 'Campaign credit line' })
      .expect(200);
    expect((await hold()).body.grantedMillicredits).toBe(5_000);
    expect((await hold()).body.grantedMillicredits).toBe(0);
  });
});
