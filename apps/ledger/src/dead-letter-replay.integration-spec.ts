import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { Topics } from '@sms/contracts';
import {
  createTestDatabase,
  createTestTopicPrefix,
  produceRaw,
  serviceTestEnv,
  TestIssuer,
  testInfrastructure,
  waitFor,
} from '@sms/testing';
import { readLedgerConfig } from './config/ledger.config';
import { startLedger } from './start-ledger';

jest.setTimeout(120_000);

interface DeadLetter {
  partition: number;
  offset: string;
  reason: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  failedAt: string;
  key: string | null;
  payload: string;
}

// The ledger reads its own dead-letter topic as its own principal (the read ACL under test) and
// re-processes records through its sms.sent handler, against the real broker and database.
describe('dead-letter replay through the ledger', () => {
  let app: INestApplication;
  let db: Client;
  let prefix: string;
  let issuer: TestIssuer;
  let operator: { Authorization: string };

  const http = () => request(app.getHttpServer());

  function sms(accountId: string) {
    return {
      schemaVersion: 1,
      messageId: `msg_${randomUUID()}`,
      accountId,
      to: '+393471234567',
      segments: 1,
      sentAt: new Date().toISOString(),
    };
  }

  async function send(message: { accountId: string }): Promise<void> {
    await produceRaw({
      brokers: testInfrastructure().kafkaBrokers,
      topic: `${prefix}${Topics.SmsSent}`,
      messages: [{ key: message.accountId, value: JSON.stringify(message) }],
    });
  }

  async function deadLetterOf(messageId: string): Promise<DeadLetter> {
    let found: DeadLetter | undefined;
    await waitFor(
      async () => {
        const response = await http().get(`/ops/dead-letters/${Topics.SmsSent}`).set(operator);
        expect(response.status).toBe(200);
        found = (response.body.items as DeadLetter[]).find((item) => item.payload.includes(messageId));
        return found !== undefined;
      },
      { what: `dead letter of ${messageId}` },
    );
    return found!;
  }

  async function charges(messageId: string): Promise<number> {
    const { rows } = await db.query('select count(*)::int as n from ledger.charge where message_id = $1', [
      messageId,
    ]);
    return rows[0].n as number;
  }

  async function balance(accountId: string): Promise<number> {
    const { rows } = await db.query(
      'select balance_millicredits::float8 as balance from ledger.account where id = $1',
      [accountId],
    );
    return rows[0].balance as number;
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    operator = { Authorization: issuer.bearer('ops', 'operator', 'ops-on-call') };
    const databaseUrl = await createTestDatabase('ledger_dlq');
    prefix = await createTestTopicPrefix('ledger-dlq');
    const env = serviceTestEnv({
      databaseUrl,
      topicPrefix: prefix,
      issuer,
      service: 'ledger',
      extra: { LEDGER_SCHEDULER_ENABLED: 'false' },
    });
    app = await startLedger(readLedgerConfig(env), '127.0.0.1');
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await issuer?.stop();
  });

  it('charges a dead-lettered sms.sent once after its account exists, however often it is replayed', async () => {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    const message = sms(accountId);
    await send(message);
    const letter = await deadLetterOf(message.messageId);
    expect(letter).toMatchObject({
      reason: expect.stringContaining(`unknown account ${accountId}`),
      originalTopic: Topics.SmsSent,
      key: accountId,
    });
    expect(JSON.parse(letter.payload)).toEqual(message);
    expect(Number.isNaN(Date.parse(letter.failedAt))).toBe(false);

    const summary = await http().get('/ops/dead-letters').set(operator);
    expect(summary.status).toBe(200);
    expect(summary.body).toContainEqual({
      topic: Topics.SmsSent,
      deadLetterTopic: `${prefix}ledger.${Topics.SmsSent}.dlq`,
      count: expect.any(Number),
    });

    expect((await http().post('/accounts').set(operator).send({ id: accountId })).status).toBe(201);
    const replayOne = () =>
      http()
        .post(`/ops/dead-letters/${Topics.SmsSent}/replay`)
        .set(operator)
        .send({ partition: letter.partition, offset: letter.offset });

    const first = await replayOne();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      items: [{ partition: letter.partition, offset: letter.offset, outcome: 'applied' }],
      applied: 1,
      failed: 0,
    });
    expect(await charges(message.messageId)).toBe(1);
    const charged = await balance(accountId);
    expect(charged).toBeLessThan(0);

    const second = await replayOne();
    expect(second.status).toBe(200);
    expect(await charges(message.messageId)).toBe(1);
    expect(await balance(accountId)).toBe(charged);
  });

  it('leaves a record that still cannot be applied dead-lettered and says why', async () => {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    const message = sms(accountId);
    await send(message);
    const letter = await deadLetterOf(message.messageId);

    const replay = await http()
      .post(`/ops/dead-letters/${Topics.SmsSent}/replay`)
      .set(operator)
      .send({ partition: letter.partition, offset: letter.offset });
    expect(replay.status).toBe(200);
    expect(replay.body.failed).toBe(1);
    expect(replay.body.items[0].reason).toContain(`unknown account ${accountId}`);
    expect(await charges(message.messageId)).toBe(0);
    expect(await deadLetterOf(message.messageId)).toEqual(letter);
  });

  it('answers 404 for a topic the ledger does not consume and 400 for half a position', async () => {
    expect((await http().get('/ops/dead-letters/order.placed').set(operator)).status).toBe(404);
    const half = await http()
      .post(`/ops/dead-letters/${Topics.SmsSent}/replay`)
      .set(operator)
      .send({ partition: 0 });
    expect(half.status).toBe(400);
  });

  it('refuses dead letters to anyone but an operator', async () => {
    const owner = { Authorization: issuer.bearer('acc_owner', 'owner') };
    expect((await http().get('/ops/dead-letters').set(owner)).status).toBe(403);
    expect((await http().get(`/ops/dead-letters/${Topics.SmsSent}`).set(owner)).status).toBe(403);
    const replay = await http().post(`/ops/dead-letters/${Topics.SmsSent}/replay`).set(owner).send({});
    expect(replay.status).toBe(403);
  });
});
