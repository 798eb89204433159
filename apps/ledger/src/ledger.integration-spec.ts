import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { CREDIT_SCALE, Topics } from '@sms/contracts';
import {
  createTestDatabase,
  createTestTopicPrefix,
  produceRaw,
  readTopic,
  serviceTestEnv,
  TestIssuer,
  testInfrastructure,
  waitFor,
} from '@sms/testing';
import { readBigint } from '@sms/persistence';
import { ChargingService } from './charging/charging.service';
import { HoldsService } from './holds/holds.service';
import { readLedgerConfig } from './config/ledger.config';
import { startLedger } from './start-ledger';

jest.setTimeout(90_000);

describe('ledger', () => {
  let app: INestApplication;
  let db: Client;
  let prefix: string;
  const brokers = (): string => testInfrastructure().kafkaBrokers;

  const http = () => request(app.getHttpServer());
  let issuer: TestIssuer;
  // Set once the issuer runs; most of the file acts as an operator, who may act on any account.
  let auth: { Authorization: string };

  async function createAccount(settings: Record<string, unknown> = {}): Promise<string> {
    const id = `acc_${randomUUID().slice(0, 8)}`;
    const response = await http()
      .post('/accounts')
      .set(auth)
      .send({ id, ...settings });
    expect(response.status).toBe(201);
    return id;
  }

  async function grant(
    accountId: string,
    credits: number,
    expiry: object = { kind: 'never' },
  ): Promise<string> {
    const orderId = `ord_${randomUUID().slice(0, 8)}`;
    await produceRaw({
      brokers: brokers(),
      topic: `${prefix}${Topics.CreditsGranted}`,
      messages: [
        {
          key: accountId,
          value: JSON.stringify({
            schemaVersion: 2,
            eventId: randomUUID(),
            occurredAt: new Date().toISOString(),
            accountId,
            orderId,
            grantedMillicredits: credits * CREDIT_SCALE,
            source: 'purchase',
            expiry,
          }),
        },
      ],
    });
    await waitFor(
      async () =>
        (await db.query('select 1 from ledger.credit_lot where order_id = $1', [orderId])).rowCount === 1,
      {
        what: `lot for ${orderId}`,
      },
    );
    return orderId;
  }

  function sms(accountId: string, extra: Record<string, unknown> = {}) {
    return {
      schemaVersion: 1,
      messageId: `msg_${randomUUID()}`,
      accountId,
      to: '+393471234567',
      segments: 1,
      sentAt: new Date().toISOString(),
      ...extra,
    };
  }

  async function send(messages: object[]): Promise<void> {
    await produceRaw({
      brokers: brokers(),
      topic: `${prefix}${Topics.SmsSent}`,
      messages: messages.map((m) => ({
        key: (m as { accountId: string }).accountId,
        value: JSON.stringify(m),
      })),
    });
  }

  async function waitForCharges(accountId: string, count: number): Promise<void> {
    await waitFor(
      async () =>
        Number(
          (await db.query('select count(*) from ledger.charge where account_id = $1', [accountId])).rows[0]
            .count,
        ) >= count,
      { what: `${count} charges for ${accountId}` },
    );
  }

  async function waitForPublished(topic: string): Promise<void> {
    await waitFor(
      async () =>
        (await db.query('select 1 from ledger.outbox where topic = $1 and published_at is not null', [topic]))
          .rowCount! > 0,
      { what: `${topic} published` },
    );
  }

  async function account(accountId: string): Promise<{ balance: number; held: number }> {
    const { rows } = await db.query<{ balance: string; held: string }>(
      'select balance_millicredits as balance, held_millicredits as held from ledger.account where id = $1',
      [accountId],
    );
    return { balance: readBigint(rows[0].balance), held: readBigint(rows[0].held) };
  }

  async function lots(accountId: string): Promise<{ remaining: number; expiring: boolean }[]> {
    const { rows } = await db.query<{ remaining: string; expiring: boolean }>(
      `select remaining_millicredits as remaining, expires_at is not null as expiring
       from ledger.credit_lot where account_id = $1 order by seq`,
      [accountId],
    );
    return rows.map((row) => ({ ...row, remaining: readBigint(row.remaining) }));
  }

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    auth = { Authorization: issuer.bearer('ops', 'operator', 'ops') };
    const databaseUrl = await createTestDatabase('ledger');
    prefix = await createTestTopicPrefix('ledger');
    const env = serviceTestEnv({
      databaseUrl,
      topicPrefix: prefix,
      issuer,
      service: 'ledger',
      extra: { LEDGER_SCHEDULER_ENABLED: 'false' },
    });
    const config = readLedgerConfig(env);
    app = await startLedger(config, '127.0.0.1');
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await issuer?.stop();
  });

  describe('grants', () => {
    it('nets a deficit from the next grant: −200 then +10,000 gives 9,800', async () => {
      const id = await createAccount();
      await send([sms(id, { segments: 200 })]);
      await waitForCharges(id, 1);
      expect((await account(id)).balance).toBe(-200_000);

      await grant(id, 10_000);
      expect((await account(id)).balance).toBe(9_800_000);
      expect(await lots(id)).toEqual([{ remaining: 9_800_000, expiring: false }]);
      const journal = await http().get(`/accounts/${id}/journal`).set(auth);
      expect(
        journal.body.items.map((e: { kind: string; amountMillicredits: number }) => [
          e.kind,
          e.amountMillicredits,
        ]),
      ).toEqual([
        ['deficit_netting', 0],
        ['grant', 10_000_000],
        ['sms_charge', -200_000],
      ]);
      expect(journal.body.items[0].details.nettedMillicredits).toBe(200_000);
    });

    it('creates the account on its first grant and applies a redelivered order once', async () => {
      const id = `acc_${randomUUID().slice(0, 8)}`;
      const orderId = await grant(id, 50);
      await produceRaw({
        brokers: brokers(),
        topic: `${prefix}${Topics.CreditsGranted}`,
        messages: [
          {
            key: id,
            value: JSON.stringify({
              schemaVersion: 2,
              eventId: randomUUID(),
              occurredAt: new Date().toISOString(),
              accountId: id,
              orderId,
              grantedMillicredits: 50_000,
              source: 'purchase',
              expiry: { kind: 'never' },
            }),
          },
        ],
      });
      await grant(id, 1);
      expect((await account(id)).balance).toBe(51_000);
    });
  });

  describe('expiry on purchase', () => {
    it('extends the expiry of the credits already held when the account says so', async () => {
      const id = await createAccount({ extendOnPurchase: true, timeZone: 'Europe/Rome' });
      await grant(id, 10, { kind: 'on', date: '2027-01-31' });
      await grant(id, 10, { kind: 'on', date: '2027-06-30' });
      const { rows } = await db.query(
        `select to_char(expiry_date, 'YYYY-MM-DD') as day from ledger.credit_lot where account_id = $1 order by seq`,
        [id],
      );
      expect(rows.map((r: { day: string }) => r.day)).toEqual(['2027-06-30', '2027-06-30']);
    });
  });

  describe('consumption order', () => {
    it('spends the 20 non-expiring credits before the 50 expiring under non_expiring_first', async () => {
      const id = await createAccount({ consumptionPolicy: 'non_expiring_first' });
      await grant(id, 50, { kind: 'days', days: 90 });
      await grant(id, 20);
      await send([sms(id, { segments: 25 })]);
      await waitForCharges(id, 1);
      expect(await lots(id)).toEqual([
        { remaining: 45_000, expiring: true },
        { remaining: 0, expiring: false },
      ]);
    });

    it('spends the expiring credits first under soonest_expiry_first', async () => {
      const id = await createAccount({ consumptionPolicy: 'soonest_expiry_first' });
      await grant(id, 50, { kind: 'days', days: 90 });
      await grant(id, 20);
      await send([sms(id, { segments: 25 })]);
      await waitForCharges(id, 1);
      expect(await lots(id)).toEqual([
        { remaining: 25_000, expiring: true },
        { remaining: 20_000, expiring: false },
      ]);
    });
  });

  describe('sms.sent', () => {
    it('counts segments from the body and charges the destination rate', async () => {
      const put = await http()
        .put('/rate-card')
        .set(auth)
        .send({ defaultMillicreditsPerSegment: 1000, rates: { IT: 1000, DE: 1500 } });
      expect(put.status).toBe(200);
      const id = await createAccount();
      await grant(id, 100);
      await send([
        sms(id, { segments: undefined, body: 'a'.repeat(161), to: '+4915112345678' }),
        sms(id, { segments: undefined, body: '😀' }),
      ]);
      await waitForCharges(id, 2);
      expect((await account(id)).balance).toBe(100_000 - 2 * 1500 - 1000);
    });

    it('charges a message id once when Kafka redelivers it', async () => {
      const id = await createAccount();
      await grant(id, 100);
      const message = sms(id, { segments: 3 });
      await send([message]);
      await waitForCharges(id, 1);
      await send([message, sms(id)]);
      await waitForCharges(id, 2);
      expect((await account(id)).balance).toBe(100_000 - 3000 - 1000);
    });

    it('charges a batch once when it is processed again after a crash before the offset commit', async () => {
      const id = await createAccount();
      await grant(id, 100);
      const events = [sms(id, { segments: 2 }), sms(id, { segments: 3 })].map((payload, i) => ({
        payload: payload as never,
        key: id,
        topic: Topics.SmsSent,
        partition: 0,
        offset: String(i),
        timestamp: String(Date.now()),
      }));
      const charging = app.get(ChargingService);
      await charging.chargeBatch(events);
      await charging.chargeBatch(events);
      expect((await account(id)).balance).toBe(95_000);
    });

    it('charges a message id repeated within one batch once, and journals per list and campaign', async () => {
      const id = await createAccount();
      await grant(id, 100);
      const first = sms(id, { segments: 2, campaignId: 'camp_a' });
      const payloads = [
        first,
        { ...first, segments: 5 },
        sms(id, { segments: 1, campaignId: 'camp_a' }),
        sms(id, { segments: 3, campaignId: 'camp_b' }),
      ];
      const events = payloads.map((payload, i) => ({
        payload: payload as never,
        key: id,
        topic: Topics.SmsSent,
        partition: 0,
        offset: String(i),
        timestamp: String(Date.now()),
      }));
      await app.get(ChargingService).chargeBatch(events);
      expect((await account(id)).balance).toBe(100_000 - 2000 - 1000 - 3000);
      const { rows } = await db.query<{
        campaign_id: string;
        amount: string;
        reference: string | null;
        details: object;
      }>(
        `select campaign_id, amount_millicredits as amount, reference, details from ledger.journal_entry
         where account_id = $1 and kind = 'sms_charge' order by campaign_id`,
        [id],
      );
      expect(rows).toEqual([
        { campaign_id: 'camp_a', amount: '-3000', reference: null, details: { messages: 2 } },
        {
          campaign_id: 'camp_b',
          amount: '-3000',
          reference: payloads[3].messageId,
          details: { messages: 1 },
        },
      ]);
    });

    it('charges the same message id once for each account that sends it, across batches', async () => {
      const first = await createAccount();
      const second = await createAccount();
      await grant(first, 100);
      await grant(second, 100);
      const messageId = `msg_${randomUUID()}`;
      await send([sms(first, { messageId, segments: 2 })]);
      await waitForCharges(first, 1);
      await send([sms(second, { messageId, segments: 3 })]);
      await waitForCharges(second, 1);
      expect((await account(first)).balance).toBe(100_000 - 2000);
      expect((await account(second)).balance).toBe(100_000 - 3000);
    });

    it('charges a message id shared by two accounts in one batch to both, and a repeat within an account once', async () => {
      const first = await createAccount();
      const second = await createAccount();
      await grant(first, 100);
      await grant(second, 100);
      const messageId = `msg_${randomUUID()}`;
      const payloads = [
        sms(first, { messageId, segments: 2 }),
        sms(second, { messageId, segments: 3 }),
        sms(first, { messageId, segments: 4 }),
      ];
      const events = payloads.map((payload, i) => ({
        payload: payload as never,
        key: payload.accountId,
        topic: Topics.SmsSent,
        partition: 0,
        offset: String(i),
        timestamp: String(Date.now()),
      }));
      const charging = app.get(ChargingService);
      await charging.chargeBatch(events);
      await charging.chargeBatch(events);
      expect((await account(first)).balance).toBe(100_000 - 2000);
      expect((await account(second)).balance).toBe(100_000 - 3000);
    });

    it('dead-letters a message for an unknown account with the reason', async () => {
      const message = sms('acc_nobody');
      await send([message]);
      const letters = await readTopic({
        brokers: brokers(),
        topic: `${prefix}ledger.${Topics.SmsSent}.dlq`,
        count: 1,
      });
      expect(letters).toHaveLength(1);
      expect(JSON.stringify(letters[0].headers)).toContain('unknown account acc_nobody');
    });
  });

  describe('balance monitors', () => {
    it('replaces the levels of one purpose from balance-monitors.configured', async () => {
      const id = await createAccount();
      await grant(id, 100);
      const configure = async (levels: number[]) =>
        produceRaw({
          brokers: brokers(),
          topic: `${prefix}${Topics.BalanceMonitorsConfigured}`,
          messages: [
            {
              key: id,
              value: JSON.stringify({
                schemaVersion: 1,
                eventId: randomUUID(),
                occurredAt: new Date().toISOString(),
                accountId: id,
                purpose: 'auto_topup',
                levelsMillicredits: levels,
              }),
            },
          ],
        });
      await configure([50_000, 20_000]);
      await configure([30_000]);
      await waitFor(
        async () =>
          (await db.query('select level_millicredits from ledger.monitor where account_id = $1', [id])).rows
            .map((r: { level_millicredits: string }) => Number(r.level_millicredits))
            .join() === '30000',
        { what: 'auto_topup levels replaced' },
      );
      const monitors = await http().get(`/accounts/${id}/monitors`).set(auth);
      expect(monitors.body).toMatchObject([
        { purpose: 'auto_topup', levelMillicredits: 30_000, armed: true },
      ]);
    });

    async function lowsInOutbox(
      accountId: string,
    ): Promise<{ purpose: string; levelMillicredits: number }[]> {
      const { rows } = await db.query<{ payload: { purpose: string; levelMillicredits: number } }>(
        `select payload from ledger.outbox where topic = $1 and key = $2 order by id`,
        [Topics.BalanceLow, accountId],
      );
      return rows.map((row) => row.payload);
    }

    it('publishes balance.low once for a level registered while the balance is already below it', async () => {
      const id = await createAccount();
      await grant(id, 100);
      const put = (levelsMillicredits: number[]) =>
        http()
          .put(`/accounts/${id}/monitors`)
          .set(auth)
          .send({ purpose: 'low_balance_notice', levelsMillicredits });
      expect((await put([500_000, 50_000])).status).toBe(200);
      expect(await lowsInOutbox(id)).toEqual([
        expect.objectContaining({
          purpose: 'low_balance_notice',
          levelMillicredits: 500_000,
          balanceMillicredits: 100_000,
        }),
      ]);
      // Saving the same levels again is no new crossing; a further level still above the balance is none either.
      expect((await put([500_000, 50_000])).status).toBe(200);
      expect((await put([500_000, 50_000, 80_000])).status).toBe(200);
      expect(await lowsInOutbox(id)).toHaveLength(1);
      const monitors = await http().get(`/accounts/${id}/monitors`).set(auth);
      expect(monitors.body).toMatchObject([
        { levelMillicredits: 500_000, armed: false },
        { levelMillicredits: 80_000, armed: true },
        { levelMillicredits: 50_000, armed: true },
      ]);
    });

    it('publishes balance.low for an auto top-up threshold configured above the balance', async () => {
      const id = await createAccount();
      await grant(id, 100);
      await produceRaw({
        brokers: brokers(),
        topic: `${prefix}${Topics.BalanceMonitorsConfigured}`,
        messages: [
          {
            key: id,
            value: JSON.stringify({
              schemaVersion: 1,
              eventId: randomUUID(),
              occurredAt: new Date().toISOString(),
              accountId: id,
              purpose: 'auto_topup',
              levelsMillicredits: [5_000_000],
            }),
          },
        ],
      });
      await waitFor(async () => (await lowsInOutbox(id)).length > 0, {
        what: 'balance.low for the new threshold',
      });
      expect(await lowsInOutbox(id)).toEqual([
        expect.objectContaining({
          purpose: 'auto_topup',
          levelMillicredits: 5_000_000,
          balanceMillicredits: 100_000,
        }),
      ]);
    });

    it('publishes balance.low once for a flood of debits crossing the level', async () => {
      const id = await createAccount();
      await grant(id, 1000);
      const monitors = await http()
        .put(`/accounts/${id}/monitors`)
        .set(auth)
        .send({ purpose: 'low_balance_notice', levelsMillicredits: [500_000] });
      expect(monitors.status).toBe(200);
      const flood = Array.from({ length: 800 }, () => sms(id));
      for (let i = 0; i < flood.length; i += 100) {
        await send(flood.slice(i, i + 100));
      }
      await waitForCharges(id, 800);
      expect((await account(id)).balance).toBe(200_000);
      await waitForPublished(Topics.BalanceLow);
      const lows = (
        await readTopic({
          brokers: brokers(),
          topic: `${prefix}${Topics.BalanceLow}`,
          count: 50,
          timeoutMs: 4000,
        })
      ).filter((record) => record.key === id);
      expect(lows).toHaveLength(1);
      expect(JSON.parse(lows[0].value as string)).toMatchObject({
        levelMillicredits: 500_000,
        balanceMillicredits: expect.any(Number),
      });
    });
  });

  describe('holds', () => {
    it('grants only what is available when a hold asks for more', async () => {
      const id = await createAccount();
      await grant(id, 100);
      const first = await http()
        .post(`/accounts/${id}/holds`)
        .set(auth)
        .send({ requestedMillicredits: 150_000, ttlSeconds: 60 });
      expect(first.status).toBe(201);
      expect(first.body.grantedMillicredits).toBe(100_000);
      const second = await http()
        .post(`/accounts/${id}/holds`)
        .set(auth)
        .send({ requestedMillicredits: 1000, ttlSeconds: 60 });
      expect(second.body.grantedMillicredits).toBe(0);

      await send([sms(id, { segments: 30, holdId: first.body.holdId })]);
      await waitForCharges(id, 1);
      expect(await account(id)).toEqual({ balance: 70_000, held: 70_000 });
      const released = await http().delete(`/accounts/${id}/holds/${first.body.holdId}`).set(auth);
      expect(released.body.status).toBe('released');
      expect(await account(id)).toEqual({ balance: 70_000, held: 0 });
    });

    it('never holds more for a list than its allocation', async () => {
      const id = await createAccount({ listMode: 'allocated' });
      await grant(id, 100);
      await http()
        .put(`/accounts/${id}/lists/list_a/allocation`)
        .set(auth)
        .send({ remainingMillicredits: 30_000 });
      const first = await http()
        .post(`/accounts/${id}/holds`)
        .set(auth)
        .send({ requestedMillicredits: 50_000, listId: 'list_a', ttlSeconds: 60 });
      const second = await http()
        .post(`/accounts/${id}/holds`)
        .set(auth)
        .send({ requestedMillicredits: 50_000, listId: 'list_a', ttlSeconds: 60 });
      expect([first.body.grantedMillicredits, second.body.grantedMillicredits]).toEqual([30_000, 0]);
    });

    it('gives back an unused hold when its time to live runs out', async () => {
      const id = await createAccount();
      await grant(id, 10);
      const hold = await http()
        .post(`/accounts/${id}/holds`)
        .set(auth)
        .send({ requestedMillicredits: 4000, ttlSeconds: 1 });
      expect((await account(id)).held).toBe(4_000);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await app.get(HoldsService).expireDue();
      expect(await account(id)).toEqual({ balance: 10_000, held: 0 });
      const expired = await http().get(`/accounts/${id}/holds/${hold.body.holdId}`).set(auth);
      expect(expired.body.status).toBe('expired');
    });

    it('publishes balance.depleted when a hold takes the last available credits', async () => {
      const id = await createAccount();
      await grant(id, 5);
      await http()
        .post(`/accounts/${id}/holds`)
        .set(auth)
        .send({ requestedMillicredits: 5000, ttlSeconds: 60 });
      await waitForPublished(Topics.BalanceDepleted);
      const depleted = (
        await readTopic({
          brokers: brokers(),
          topic: `${prefix}${Topics.BalanceDepleted}`,
          count: 50,
          timeoutMs: 3000,
        })
      ).filter((record) => record.key === id);
      expect(depleted.map((r) => JSON.parse(r.value as string))).toMatchObject([
        { balanceMillicredits: 5_000, availableMillicredits: 0 },
      ]);
    });

    it('lets an overdraft account hold below zero down to the overdraft', async () => {
      const id = await createAccount();
      await http()
        .put(`/accounts/${id}/credit-limit`)
        .set(auth)
        .send({ overdraftMillicredits: 5_000, reason: 'Credit line for the test' })
        .expect(200);
      await grant(id, 10);
      const hold = await http()
        .post(`/accounts/${id}/holds`)
        .set(auth)
        .send({ requestedMillicredits: 20_000, ttlSeconds: 60 });
      expect(hold.body.grantedMillicredits).toBe(15_000);
    });
  });

  describe('units', () => {
    it('refuses a hold in the old credits or millicredits fields with a 400 naming the field', async () => {
      const id = await createAccount();
      for (const old of [{ credits: 5 }, { millicredits: 5_000 }]) {
        const refused = await http()
          .post(`/accounts/${id}/holds`)
          .set(auth)
          .send({ ...old, ttlSeconds: 60 })
          .expect(400);
        expect(JSON.stringify(refused.body.message)).toContain(
          `property ${Object.keys(old)[0]} should not exist`,
        );
      }
      const refused = await http()
        .put(`/accounts/${id}/lists/list_a/allocation`)
        .set(auth)
        .send({ millicredits: 1_000 })
        .expect(400);
      expect(JSON.stringify(refused.body.message)).toContain('property millicredits should not exist');
    });

    it('returns the millicredits a hold and a list allocation were given, exactly', async () => {
      const id = await createAccount({ listMode: 'allocated' });
      await grant(id, 10);
      await http()
        .put(`/accounts/${id}/lists/list_odd/allocation`)
        .set(auth)
        .send({ remainingMillicredits: 4_321 })
        .expect(200);
      const hold = await http()
        .post(`/accounts/${id}/holds`)
        .set(auth)
        .send({ requestedMillicredits: 1_234, listId: 'list_odd', ttlSeconds: 60 })
        .expect(201);
      expect(hold.body).toMatchObject({ requestedMillicredits: 1_234, grantedMillicredits: 1_234 });
      const shown = await http().get(`/accounts/${id}/holds/${hold.body.holdId}`).set(auth).expect(200);
      expect(shown.body).toMatchObject({ requestedMillicredits: 1_234, remainingMillicredits: 1_234 });
      const lists = await http().get(`/accounts/${id}/lists`).set(auth).expect(200);
      expect(lists.body).toEqual([
        { listId: 'list_odd', remainingMillicredits: 4_321, spentMillicredits: 0 },
      ]);
      const balance = await http().get(`/accounts/${id}/balance`).set(auth).expect(200);
      expect(balance.body).toMatchObject({
        balanceMillicredits: 10_000,
        heldMillicredits: 1_234,
        availableMillicredits: 8_766,
      });
      expect(balance.body).not.toHaveProperty('totalMillicredits');
    });
  });

  describe('expiry', () => {
    it('judges the expiry day in Europe/Rome and splits the expired credits across lists', async () => {
      const id = await createAccount({ timeZone: 'Europe/Rome', listMode: 'allocated' });
      await grant(id, 60);
      await grant(id, 100, { kind: 'on', date: '2027-03-31' });
      for (const [listId, millicredits] of [
        ['list_a', 50_000],
        ['list_b', 100_000],
      ] as const) {
        const put = await http()
          .put(`/accounts/${id}/lists/${listId}/allocation`)
          .set(auth)
          .send({ remainingMillicredits: millicredits });
        expect(put.status).toBe(200);
      }

      const early = await http()
        .post('/operator/expiry/run')
        .set(auth)
        .send({ asOf: '2027-03-31T21:59:59Z' });
      expect(early.status).toBe(200);
      expect((await account(id)).balance).toBe(160_000);

      const due = await http().post('/operator/expiry/run').set(auth).send({ asOf: '2027-03-31T22:00:00Z' });
      expect(due.body.expiredLots).toBeGreaterThanOrEqual(1);
      expect((await account(id)).balance).toBe(60_000);
      const lists = await http().get(`/accounts/${id}/lists`).set(auth);
      expect(
        lists.body.map((l: { listId: string; remainingMillicredits: number }) => [
          l.listId,
          l.remainingMillicredits,
        ]),
      ).toEqual([
        ['list_a', 20_000],
        ['list_b', 40_000],
      ]);
      await waitForPublished(Topics.CreditsExpired);
      const expired = (
        await readTopic({
          brokers: brokers(),
          topic: `${prefix}${Topics.CreditsExpired}`,
          count: 50,
          timeoutMs: 3000,
        })
      )
        .map((r) => JSON.parse(r.value as string))
        .filter((e: { accountId: string }) => e.accountId === id);
      expect(expired).toHaveLength(1);
      expect(expired[0]).toMatchObject({
        accountId: id,
        expiredMillicredits: 100_000,
        expiryDate: '2027-03-31',
      });
    });

    it('warns once per threshold before a lot expires', async () => {
      const id = await createAccount();
      await grant(id, 10, { kind: 'on', date: '2028-06-30' });
      const run = await http().post('/operator/expiry/run').set(auth).send({ asOf: '2028-06-25T00:00:00Z' });
      const again = await http()
        .post('/operator/expiry/run')
        .set(auth)
        .send({ asOf: '2028-06-25T01:00:00Z' });
      expect(run.body.warnings).toBeGreaterThanOrEqual(1);
      expect(again.body.warnings).toBe(0);
    });
  });

  describe('expiry warnings', () => {
    const warnings = async (accountId: string) =>
      (
        await db.query<{ payload: { daysBefore: number; expiryDate: string; occurredAt: string } }>(
          `select payload from ledger.outbox where topic = $1 and key = $2 order by id`,
          [Topics.CreditsExpiring, accountId],
        )
      ).rows.map((row) => row.payload);
    const runAt = (asOf: string) => http().post('/operator/expiry/run').set(auth).send({ asOf });

    // Los Angeles: the last valid day 30 June 2028 ends at 07:00 UTC on 1 July, so counting 24-hour
    // periods from a morning run lands a day late; calendar days in the account's zone do not.
    it('warns 30, 7 and 1 calendar days before the last valid day in the account time zone', async () => {
      const id = await createAccount({ timeZone: 'America/Los_Angeles' });
      await grant(id, 10, { kind: 'on', date: '2028-06-30' });
      await runAt('2028-05-30T16:00:00Z');
      expect(await warnings(id)).toEqual([]);
      await runAt('2028-05-31T16:00:00Z');
      await runAt('2028-06-22T16:00:00Z');
      await runAt('2028-06-23T16:00:00Z');
      await runAt('2028-06-28T16:00:00Z');
      await runAt('2028-06-29T16:00:00Z');
      await runAt('2028-06-30T16:00:00Z');
      expect((await warnings(id)).map((w) => [w.occurredAt.slice(0, 10), w.daysBefore])).toEqual([
        ['2028-05-31', 30],
        ['2028-06-23', 7],
        ['2028-06-29', 1],
      ]);
      expect((await warnings(id)).every((w) => w.expiryDate === '2028-06-30')).toBe(true);
    });
  });

  describe('usage', () => {
    it('groups per-list spend by the bucket asked for beside the period filter, and refuses an unknown bucket', async () => {
      const id = await createAccount();
      await grant(id, 100);
      await send([
        sms(id, { segments: 1, listId: 'list_a', sentAt: '2026-11-03T10:00:00Z' }),
        sms(id, { segments: 2, listId: 'list_a', sentAt: '2026-11-05T10:00:00Z' }),
      ]);
      await waitForCharges(id, 2);
      const period = 'from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&listId=list_a';
      const daily = await http()
        .get(`/accounts/${id}/usage/by-list?${period}&bucket=day`)
        .set(auth)
        .expect(200);
      expect(daily.body).toMatchObject([
        { listId: 'list_a', messages: 1, segments: 1, chargedMillicredits: 1_000 },
        { listId: 'list_a', messages: 1, segments: 2, chargedMillicredits: 2_000 },
      ]);
      const weekly = await http()
        .get(`/accounts/${id}/usage/by-list?${period}&bucket=week`)
        .set(auth)
        .expect(200);
      expect(weekly.body).toMatchObject([
        { listId: 'list_a', messages: 2, segments: 3, chargedMillicredits: 3_000 },
      ]);
      const monthly = await http().get(`/accounts/${id}/usage/by-list?bucket=month`).set(auth).expect(200);
      expect(monthly.body).toEqual([
        {
          period: expect.any(String),
          listId: 'list_a',
          messages: 2,
          segments: 3,
          chargedMillicredits: 3_000,
        },
      ]);
      const refused = await http()
        .get(`/accounts/${id}/usage/by-list?${period}&bucket=year`)
        .set(auth)
        .expect(400);
      expect(JSON.stringify(refused.body.message)).toContain('bucket must be one of the following values');
    });

    it('exports sent SMS as CSV and xlsx with exact credits', async () => {
      const id = await createAccount();
      await grant(id, 10);
      await send([sms(id, { segments: 2, listId: 'list_news', campaignId: 'camp_1' })]);
      await waitForCharges(id, 1);
      const csv = await http().get(`/accounts/${id}/usage/export.csv`).set(auth);
      expect(csv.status).toBe(200);
      expect(csv.text.split('\n')[0]).toBe('messageId,sentAt,to,country,segments,credits,listId,campaignId');
      expect(csv.text.split('\n')[1]).toMatch(/,\+393471234567,IT,2,2,list_news,camp_1$/);
      const xlsx = await http()
        .get(`/accounts/${id}/usage/export.xlsx`)
        .set(auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(xlsx.status).toBe(200);
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
      const byList = await http().get(`/accounts/${id}/usage/by-list`).set(auth);
      expect(byList.body).toMatchObject([
        { listId: 'list_news', messages: 1, segments: 2, chargedMillicredits: 2_000 },
      ]);
    });
  });

  describe('balance breakdown', () => {
    it('shows total, held, available and estimated SMS left for the home country', async () => {
      const id = await createAccount({ homeCountry: 'DE' });
      await grant(id, 30);
      const response = await http().get(`/accounts/${id}/balance?country=IT`).set(auth);
      expect(response.body).toMatchObject({
        balanceMillicredits: 30_000,
        heldMillicredits: 0,
        availableMillicredits: 30_000,
        home: { country: 'DE', estimatedSmsLeft: expect.any(Number) },
        chosen: { country: 'IT' },
      });
    });
  });

  describe('operator adjustments', () => {
    const owner = (accountId: string) => issuer.bearer(accountId, 'owner', 'owner@acme.example');
    const adjust = (accountId: string, key: string, body: object, authorization = auth.Authorization) =>
      http()
        .post(`/accounts/${accountId}/adjustments`)
        .set({ Authorization: authorization, 'Idempotency-Key': key })
        .send(body);
    const journal = async (accountId: string) =>
      (await http().get(`/accounts/${accountId}/journal`).set(auth)).body.items as {
        kind: string;
        amountMillicredits: number;
        reference: string;
        details: Record<string, unknown>;
      }[];

    it('grants goodwill credits with an expiry, journaled as goodwill with who and why', async () => {
      const id = await createAccount({ timeZone: 'Europe/Rome' });
      const response = await adjust(id, 'goodwill-1', {
        kind: 'goodwill',
        amountMillicredits: 2_500_500,
        reason: 'Outage on 3 March',
        expiryDate: '2030-06-30',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        accountId: id,
        kind: 'goodwill',
        amountMillicredits: 2_500_500,
        reason: 'Outage on 3 March',
        actor: 'ops',
        expiryDate: '2030-06-30',
        expiresAt: '2030-06-30T22:00:00.000Z',
        balanceMillicredits: 2_500_500,
      });
      expect((await account(id)).balance).toBe(2_500_500);
      expect(await lots(id)).toEqual([{ remaining: 2_500_500, expiring: true }]);
      const [entry] = await journal(id);
      expect(entry).toMatchObject({
        kind: 'goodwill',
        amountMillicredits: 2_500_500,
        reference: response.body.id,
        details: { actor: 'ops', reason: 'Outage on 3 March', expiryDate: '2030-06-30' },
      });
    });

    it('applies a negative correction once per key, and refuses the key reused for another request', async () => {
      const id = await createAccount();
      await grant(id, 100);
      const body = { kind: 'correction', amountMillicredits: -30_000, reason: 'Double grant of order 7' };
      const first = await adjust(id, 'fix-7', body);
      expect(first.status).toBe(201);
      const again = await adjust(id, 'fix-7', body);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      expect((await account(id)).balance).toBe(70_000);
      expect(await lots(id)).toEqual([{ remaining: 70_000, expiring: false }]);
      const reused = await adjust(id, 'fix-7', { ...body, amountMillicredits: -40_000 });
      expect(reused.status).toBe(409);
      const corrections = (await journal(id)).filter((entry) => entry.kind === 'correction');
      expect(corrections).toEqual([
        expect.objectContaining({
          amountMillicredits: -30_000,
          details: expect.objectContaining({ actor: 'ops', reason: 'Double grant of order 7' }),
        }),
      ]);
      const check = await http().post('/operator/journal/check').set(auth);
      expect(check.body.differences.filter((d: { accountId: string }) => d.accountId === id)).toEqual([]);
    });

    it('refuses adjustments from account people, without a reason or key, and negative goodwill', async () => {
      const id = await createAccount();
      const goodwill = { kind: 'goodwill', amountMillicredits: 1000, reason: 'Sorry' };
      expect((await adjust(id, 'by-owner', goodwill, owner(id))).status).toBe(403);
      const noReason = await adjust(id, 'no-reason', { kind: 'goodwill', amountMillicredits: 1000 });
      expect(noReason.status).toBe(400);
      expect(JSON.stringify(noReason.body)).toContain('reason');
      expect((await adjust(id, 'negative', { ...goodwill, amountMillicredits: -1000 })).status).toBe(400);
      expect(
        (await adjust(id, 'zero', { ...goodwill, kind: 'correction', amountMillicredits: 0 })).status,
      ).toBe(400);
      const noKey = await http().post(`/accounts/${id}/adjustments`).set(auth).send(goodwill);
      expect(noKey.status).toBe(400);
      expect((await adjust('acc_nobody', 'unknown', goodwill)).status).toBe(404);
      expect((await account(id)).balance).toBe(0);
    });
  });

  describe('journal check', () => {
    it('reports an account whose cached balance was tampered with', async () => {
      const id = await createAccount();
      await grant(id, 10);
      const clean = await http().post('/operator/journal/check').set(auth);
      expect(clean.body.differences).toEqual([]);
      await db.query(
        'update ledger.account set balance_millicredits = balance_millicredits + 1 where id = $1',
        [id],
      );
      const check = await http().post('/operator/journal/check').set(auth);
      expect(check.body.differences).toEqual([
        {
          accountId: id,
          cachedBalanceMillicredits: 10_001,
          journalBalanceMillicredits: 10_000,
          cachedHeldMillicredits: 0,
          journalHeldMillicredits: 0,
          lotsMillicredits: 10_000,
        },
      ]);
    });
  });
});
