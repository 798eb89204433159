import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import request from 'supertest';
import type { Role } from '@sms/auth';
import {
  AccountContactsUpdated,
  type AccountContactsUpdatedEvent,
  type BalanceLowEvent,
  type BalanceRecoveredEvent,
  type CreditsAppliedEvent,
  type EventContract,
  BalanceDepleted,
  BalanceLow,
  BalanceRecovered,
  CreditsApplied,
  OrderApprovalRequested,
  type OrderApprovalRequestedEvent,
  deadLetterTopic,
  Topics,
} from '@sms/contracts';
import { SmtpCapture, type CapturedMail } from '@sms/infra';
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
import { type NotifierConfig, readNotifierConfig } from './config/notifier.config';
import { startNotifier } from './start-notifier';

jest.setTimeout(90_000);

describe('notifier service', () => {
  let app: INestApplication;
  let smtp: SmtpCapture;
  let prefix: string;
  const brokers = () => testInfrastructure().kafkaBrokers;

  let issuer: TestIssuer;
  const token = (role: Role, accountId = 'ops') => issuer.bearer(accountId, role, `${role}@example.com`);
  const http = () => request(app.getHttpServer());

  // Each test works on its own account and recipient, so their emails never mix.
  const newAccount = () => {
    const id = `acc_${randomUUID().slice(0, 8)}`;
    return { id, email: `${id}@example.com` };
  };

  const saveSettings = async (
    account: { id: string; email: string },
    overrides: Record<string, unknown> = {},
  ): Promise<request.Response> => putSettings(account, overrides).expect(200);

  const putSettings = (account: { id: string; email: string }, overrides: Record<string, unknown> = {}) =>
    http()
      .put(`/accounts/${account.id}/notification-settings`)
      .set('Authorization', token('owner', account.id))
      .send({
        recipients: {
          lowBalance: [account.email],
          depleted: [account.email],
          receipt: [account.email],
          expiry: [account.email],
          autoTopUp: [account.email],
          invoice: [account.email],
        },
        lowBalanceLevelsMillicredits: [1_000_000, 5_000_000],
        dailyReminder: true,
        language: 'en',
        timeZone: 'Europe/Rome',
        ...overrides,
      });

  const publish = async <T extends { accountId: string }>(contract: EventContract<T>, payloads: T[]) =>
    produceRaw({
      brokers: brokers(),
      topic: `${prefix}${contract.topic}`,
      messages: payloads.map((payload) => ({ key: payload.accountId, value: JSON.stringify(payload) })),
    });

  const mailsTo = (email: string): CapturedMail[] =>
    smtp.messages().filter((mail) => mail.to.includes(email));

  const deliveries = async (accountId: string) =>
    (
      await http()
        .get(`/accounts/${accountId}/deliveries`)
        .set('Authorization', token('owner', accountId))
        .expect(200)
    ).body as {
      items: { id: string; status: string; kind: string; attempts: number; lastError: string | null }[];
    };

  const balanceLow = (accountId: string, overrides: Partial<BalanceLowEvent> = {}): BalanceLowEvent => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: '2025-03-10T08:00:00Z',
    accountId,
    monitorId: `mon_${accountId}_1000`,
    purpose: 'low_balance_notice',
    levelMillicredits: 1_000_000,
    balanceMillicredits: 987_500,
    availableMillicredits: 950_000,
    estimatedSmsLeft: 1316,
    ...overrides,
  });

  const creditsApplied = (accountId: string, orderId: string): CreditsAppliedEvent => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: '2025-03-10T08:00:00Z',
    accountId,
    orderId,
    lotId: `lot_${orderId}`,
    source: 'purchase',
    grantedMillicredits: 10_000_000,
    deficitNettedMillicredits: 0,
    balanceMillicredits: 10_500_000,
    expiresAt: null,
  });

  let config: NotifierConfig;
  const start = () => startNotifier(config, '127.0.0.1');

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    smtp = await SmtpCapture.start({ port: 0 });
    prefix = await createTestTopicPrefix('notifier');
    config = readNotifierConfig(
      serviceTestEnv({
        databaseUrl: await createTestDatabase('notifier'),
        topicPrefix: prefix,
        issuer,
        service: 'notifier',
        extra: {
          SMTP_URL: smtp.url,
          APP_BASE_URL: 'https://app.example.com',
          DELIVERY_POLL_INTERVAL_MS: '200',
          DELIVERY_RETRY_BASE_MS: '300',
          DELIVERY_RETRY_MAX_MS: '1000',
          // The test drives the reminder job itself, with asOf.
          REMINDER_INTERVAL_MS: '0',
        },
      }),
    );
    app = await start();
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.stop();
    await issuer?.stop();
  });

  describe('settings', () => {
    it('registers the low-balance levels with the ledger as balance monitors when saved', async () => {
      const account = newAccount();
      const saved = await saveSettings(account);
      expect(saved.body.lowBalanceLevelsMillicredits).toEqual([5_000_000, 1_000_000]);
      // The outbox relay creates the topic with its first publish; read once it exists.
      const records = await waitFor(() =>
        readTopic({ brokers: brokers(), topic: `${prefix}${Topics.BalanceMonitorsConfigured}`, count: 1 }),
      );
      const mine = records
        .map((r) => JSON.parse(r.value ?? '{}') as { accountId: string })
        .find((e) => e.accountId === account.id);
      expect(mine).toMatchObject({
        purpose: 'low_balance_notice',
        levelsMillicredits: [5_000_000, 1_000_000],
      });
    });

    it('refuses levels in the old credits field or in fractions of a credit, with a 400 naming the field', async () => {
      const account = newAccount();
      const old = await putSettings(account, {
        lowBalanceLevelsMillicredits: undefined,
        lowBalanceLevelsCredits: [1000],
      });
      expect(old.status).toBe(400);
      expect(JSON.stringify(old.body.message)).toContain('property lowBalanceLevelsCredits should not exist');
      const fractional = await putSettings(account, { lowBalanceLevelsMillicredits: [1_500_500] });
      expect(fractional.status).toBe(400);
      expect(JSON.stringify(fractional.body.message)).toContain(
        'lowBalanceLevelsMillicredits must hold whole credits',
      );
      await saveSettings(account, { lowBalanceLevelsMillicredits: [7_000_000] });
      const read = await http()
        .get(`/accounts/${account.id}/notification-settings`)
        .set('Authorization', token('member', account.id))
        .expect(200);
      expect(read.body.lowBalanceLevelsMillicredits).toEqual([7_000_000]);
    });

    it('lets members read the settings but not change them', async () => {
      const account = newAccount();
      await saveSettings(account);
      await http()
        .get(`/accounts/${account.id}/notification-settings`)
        .set('Authorization', token('member', account.id))
        .expect(200);
      await http()
        .put(`/accounts/${account.id}/notification-settings`)
        .set('Authorization', token('member', account.id))
        .send({})
        .expect(403);
    });

    it('refuses an unknown time zone and an invalid address with a 400 naming them', async () => {
      const account = newAccount();
      const response = await http()
        .put(`/accounts/${account.id}/notification-settings`)
        .set('Authorization', token('admin', account.id))
        .send({
          recipients: { lowBalance: ['not-an-address'] },
          lowBalanceLevelsMillicredits: [1_000_000],
          dailyReminder: true,
          language: 'en',
          timeZone: 'Mars/Olympus',
        })
        .expect(400);
      expect(JSON.stringify(response.body.message)).toMatch(/timeZone must be an IANA time zone/);
      expect(JSON.stringify(response.body.message)).toMatch(/lowBalance must be an email/);
    });
  });

  describe('low balance', () => {
    it('sends one email with the level, balance, estimated SMS left and a link to buy credits', async () => {
      const account = newAccount();
      await saveSettings(account);
      await publish(BalanceLow, [balanceLow(account.id)]);
      const mail = await smtp.waitFor((m) => m.to.includes(account.email), 30_000);
      expect(mail.subject).toBe('Your SMS balance is below 1,000 credits');
      expect(mail.text).toContain('Balance: 987.5 credits');
      expect(mail.text).toContain('Estimated SMS left: about 1,316');
      expect(mail.text).toContain('10 March 2025 at 09:00 CET');
      expect(mail.html).toContain(`https://app.example.com/accounts/${account.id}/credits/buy`);
      const log = await waitFor(async () => {
        const page = await deliveries(account.id);
        return page.items[0]?.status === 'sent' && page;
      });
      expect(log.items).toEqual([
        expect.objectContaining({ kind: 'low_balance', status: 'sent', attempts: 1 }),
      ]);
    });

    it('sends one email when the same event is delivered twice', async () => {
      const account = newAccount();
      await saveSettings(account);
      const event = balanceLow(account.id);
      // The marker follows on the same partition, so once its email exists the duplicate was consumed.
      const marker = balanceLow(account.id, { levelMillicredits: 5_000_000, monitorId: 'mon_marker' });
      await publish(BalanceLow, [event, event]);
      await publish(BalanceLow, [marker]);
      await smtp.waitFor((m) => m.to.includes(account.email) && m.subject.includes('5,000'), 30_000);
      await waitFor(async () => (await deliveries(account.id)).items.every((d) => d.status === 'sent'));
      const lowMails = mailsTo(account.email).filter((m) => m.subject.includes('below 1,000'));
      expect(lowMails).toHaveLength(1);
    });

    it('ignores the auto top-up monitors of billing, even for accounts it does not know', async () => {
      const stranger = newAccount();
      const account = newAccount();
      await saveSettings(account);
      await publish(BalanceLow, [
        balanceLow(stranger.id, { purpose: 'auto_topup' }),
        balanceLow(account.id, { purpose: 'auto_topup' }),
        balanceLow(account.id),
      ]);
      await smtp.waitFor((m) => m.to.includes(account.email), 30_000);
      expect(mailsTo(account.email)).toHaveLength(1);
      expect(await deliveries(stranger.id)).toEqual({ items: [], nextCursor: null });
    });

    it('reminds once a day at the local hour while below, and stops after a top-up', async () => {
      const account = newAccount();
      await saveSettings(account);
      await publish(BalanceLow, [balanceLow(account.id, { occurredAt: '2025-03-10T08:00:00Z' })]);
      await smtp.waitFor((m) => m.to.includes(account.email), 30_000);

      // The job covers every account; other tests' accounts may be below too, so count ours.
      const remindersQueued = async (): Promise<number> =>
        (await deliveries(account.id)).items.filter((d) => d.kind === 'low_balance_reminder').length;
      const run = async (asOf: string): Promise<number> => {
        const before = await remindersQueued();
        await http()
          .post('/operations/daily-reminders/run')
          .set('Authorization', token('operator'))
          .send({ asOf })
          .expect(200);
        return (await remindersQueued()) - before;
      };

      expect(await run('2025-03-10T17:00:00Z')).toBe(0); // same day as the low-balance email
      expect(await run('2025-03-11T07:30:00Z')).toBe(0); // 08:30 in Rome: before 09:00
      expect(await run('2025-03-11T08:05:00Z')).toBe(1);
      expect(await run('2025-03-11T18:00:00Z')).toBe(0); // already reminded today
      expect(await run('2025-03-12T08:30:00Z')).toBe(1);

      const recovered: BalanceRecoveredEvent = {
        ...balanceLow(account.id, { occurredAt: '2025-03-12T12:00:00Z' }),
        balanceMillicredits: 10_987_500,
        availableMillicredits: 10_950_000,
      };
      await publish(BalanceRecovered, [recovered]);
      const orm = app.get(MikroORM);
      await waitFor(async () => {
        const [row] = await orm.em
          .getConnection()
          .execute<{ below: boolean }[]>(
            'select below from notifier.low_balance_state where account_id = ?',
            [account.id],
          );
        return row?.below === false;
      });
      expect(await run('2025-03-13T08:30:00Z')).toBe(0);
      expect(await run('2025-03-14T08:30:00Z')).toBe(0);

      await waitFor(() => mailsTo(account.email).length >= 3);
      const reminders = mailsTo(account.email).filter((m) => m.subject.startsWith('Reminder:'));
      expect(reminders).toHaveLength(2);
      expect(reminders[0].text).toContain('below 1,000 credits since 10 March 2025 at 09:00 CET');
    });
  });

  describe('delivery', () => {
    it('delivers every email exactly once when the SMTP server was down for a while', async () => {
      const account = newAccount();
      await saveSettings(account);
      smtp.setDown(true);
      try {
        await publish(CreditsApplied, [
          creditsApplied(account.id, 'ord_a'),
          creditsApplied(account.id, 'ord_b'),
          creditsApplied(account.id, 'ord_c'),
        ]);
        const retrying = await waitFor(
          async () => {
            const { items } = await deliveries(account.id);
            return (
              items.length === 3 && items.every((d) => d.status === 'pending' && d.attempts >= 2) && items
            );
          },
          { timeoutMs: 30_000, what: 'three emails retried while the server is down' },
        );
        expect(retrying[0].lastError).toMatch(/421/);
        expect(mailsTo(account.email)).toHaveLength(0);
      } finally {
        smtp.setDown(false);
      }
      await waitFor(() => mailsTo(account.email).length === 3, { timeoutMs: 30_000, what: 'three emails' });
      await waitFor(async () => (await deliveries(account.id)).items.every((d) => d.status === 'sent'));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const subjects = mailsTo(account.email).map((m) => m.text.match(/Order: (\w+)/)?.[1]);
      expect(subjects.sort()).toEqual(['ord_a', 'ord_b', 'ord_c']);
    });

    it('delivers the emails waiting for a retry after the notifier restarts', async () => {
      const account = newAccount();
      await saveSettings(account);
      smtp.setDown(true);
      try {
        await publish(CreditsApplied, [
          creditsApplied(account.id, 'ord_r1'),
          creditsApplied(account.id, 'ord_r2'),
        ]);
        await waitFor(
          async () => {
            const { items } = await deliveries(account.id);
            return items.length === 2 && items.every((d) => d.status === 'pending' && d.attempts >= 1);
          },
          { timeoutMs: 30_000, what: 'two emails waiting for a retry' },
        );
        await app.close();
      } finally {
        smtp.setDown(false);
      }
      app = await start();
      await waitFor(() => mailsTo(account.email).length === 2, { timeoutMs: 30_000, what: 'two emails' });
      await waitFor(async () => (await deliveries(account.id)).items.every((d) => d.status === 'sent'));
      expect(mailsTo(account.email)).toHaveLength(2);
    });

    it('marks an email failed with the reason on a permanent refusal, and resends it on request', async () => {
      const account = newAccount();
      await saveSettings(account);
      smtp.setPermanentFailure(account.email);
      try {
        await publish(CreditsApplied, [creditsApplied(account.id, 'ord_bounce')]);
        const failed = await waitFor(
          async () => {
            const [delivery] = (await deliveries(account.id)).items;
            return delivery?.status === 'failed' && delivery;
          },
          { timeoutMs: 30_000, what: 'a failed delivery' },
        );
        expect(failed.attempts).toBe(1);
        expect(failed.lastError).toMatch(/550/);
        smtp.setPermanentFailure(null);
        const resent = await http()
          .post(`/deliveries/${failed.id}/resend`)
          .set('Authorization', token('owner', account.id))
          .expect(200);
        expect(resent.body.status).toBe('pending');
        await smtp.waitFor((m) => m.to.includes(account.email), 30_000);
        await http()
          .post(`/deliveries/${failed.id}/resend`)
          .set('Authorization', token('owner', account.id))
          .expect(409);
      } finally {
        smtp.setPermanentFailure(null);
      }
    });

    it('emails the approver named in the order', async () => {
      const account = newAccount();
      await saveSettings(account);
      const approver = `approver.${account.id}@example.com`;
      const event: OrderApprovalRequestedEvent = {
        schemaVersion: 2,
        eventId: randomUUID(),
        occurredAt: '2025-03-10T08:00:00Z',
        accountId: account.id,
        orderId: 'ord_42',
        amountMillicredits: 10_000_000,
        amountMinor: 45_000,
        currency: 'EUR',
        requester: { name: 'Marta Rossi', email: 'marta@example.com' },
        approver: { name: 'Luca Bianchi', email: approver },
      };
      await publish(OrderApprovalRequested, [event]);
      const mail = await smtp.waitFor((m) => m.to.includes(approver), 30_000);
      expect(mail.subject).toBe('Approval needed: order of 10,000 SMS credits from Marta Rossi');
      expect(mail.text).toContain(`https://app.example.com/accounts/${account.id}/orders/ord_42/approval`);
    });
  });

  describe('accounts without notification settings', () => {
    const approvalRequest = (accountId: string, approver: string): OrderApprovalRequestedEvent => ({
      schemaVersion: 2,
      eventId: randomUUID(),
      occurredAt: '2025-03-10T08:00:00Z',
      accountId,
      orderId: `ord_${randomUUID().slice(0, 8)}`,
      amountMillicredits: 10_000_000,
      amountMinor: 45_000,
      currency: 'EUR',
      requester: { name: 'Marta Rossi', email: 'marta@example.com' },
      approver: { name: 'Luca Bianchi', email: approver },
    });

    const contacts = (accountId: string, ownerEmails: string[]): AccountContactsUpdatedEvent => ({
      schemaVersion: 1,
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      accountId,
      source: 'billing_profile',
      ownerEmails,
      timeZone: 'America/New_York',
    });

    const deadLetters = async (topic: string, accountId: string) =>
      (
        await readTopic({
          brokers: brokers(),
          topic: `${prefix}${deadLetterTopic('notifier', topic)}`,
          count: 100,
          timeoutMs: 3000,
        })
      ).filter((letter) => JSON.parse(letter.value ?? '{}').accountId === accountId);

    it('emails the approver named in the order when the account has no settings and no contacts', async () => {
      const stranger = newAccount();
      const approver = `approver.${stranger.id}@example.com`;
      await publish(OrderApprovalRequested, [approvalRequest(stranger.id, approver)]);
      const mail = await smtp.waitFor((m) => m.to.includes(approver), 30_000);
      expect(mail.subject).toBe('Approval needed: order of 10,000 SMS credits from Marta Rossi');
      expect(await deadLetters(Topics.OrderApprovalRequested, stranger.id)).toEqual([]);
    });

    it("emails routine notices to the owners' addresses of an account that saved no settings", async () => {
      const account = newAccount();
      await publish(AccountContactsUpdated, [contacts(account.id, [account.email])]);
      await waitFor(
        async () =>
          (
            await app
              .get(EntityManager)
              .fork()
              .execute('select 1 from notifier.account_contact where account_id = ?', [account.id])
          ).length > 0,
        { what: 'contacts stored' },
      );
      await publish(CreditsApplied, [creditsApplied(account.id, 'ord_defaults')]);
      const mail = await smtp.waitFor((m) => m.to.includes(account.email), 30_000);
      expect(mail.subject).toContain('10,000');
      // Dates follow the account's time zone from its contacts: 08:00 UTC is 04:00 in New York that day.
      expect(mail.text).toContain('10 March 2025 at 04:00 GMT-4');
      expect((await deliveries(account.id)).items).toMatchObject([{ kind: 'receipt', status: 'sent' }]);
    });

    it('dead-letters nothing for a routine event of an account with no settings and no contacts', async () => {
      const stranger = newAccount();
      await publish(BalanceDepleted, [
        {
          schemaVersion: 1,
          eventId: randomUUID(),
          occurredAt: '2025-03-10T08:00:00Z',
          accountId: stranger.id,
          balanceMillicredits: 0,
          availableMillicredits: 0,
        },
      ]);
      expect(await deadLetters(Topics.BalanceDepleted, stranger.id)).toEqual([]);
      expect((await deliveries(stranger.id)).items).toEqual([]);
    });
  });

  describe('dead letters', () => {
    it('dead-letters a malformed event', async () => {
      await produceRaw({
        brokers: brokers(),
        topic: `${prefix}${Topics.CreditsApplied}`,
        messages: [{ key: 'acc_x', value: '{"schemaVersion":1,"accountId":' }],
      });
      const [letter] = await readTopic({
        brokers: brokers(),
        topic: `${prefix}${deadLetterTopic('notifier', Topics.CreditsApplied)}`,
        count: 1,
        timeoutMs: 30_000,
      });
      expect(letter.headers['dlq-reason']).toMatch(/^invalid JSON/);
    });
  });

  describe('template previews', () => {
    it('renders a template with sample data', async () => {
      const response = await http()
        .get('/templates/low_balance/preview?lang=en')
        .set('Authorization', token('member', 'acc_1'))
        .expect(200);
      expect(response.body).toMatchObject({
        kind: 'low_balance',
        language: 'en',
        subject: 'Your SMS balance is below 1,000 credits',
      });
      expect(response.body.html).toContain('<!doctype html>');
      expect(response.body.text).toContain('Estimated SMS left: about 1,316');
    });

    it('answers 404 for an unknown template', async () => {
      await http().get('/templates/nope/preview').set('Authorization', token('member', 'acc_1')).expect(404);
    });
  });
});
