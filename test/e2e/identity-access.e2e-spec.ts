import { randomBytes, randomUUID } from 'node:crypto';
import { Topics } from '@sms/contracts';
import {
  createTestDatabase,
  createTestTopicPrefix,
  freePort,
  produceRaw,
  testInfrastructure,
  waitFor,
} from '@sms/testing';
import { kafkaEnvFor, SmtpCapture } from '@sms/infra';
import { AppProcess } from '../../tools/demo/app-process';
import {
  Browser,
  clientCredentialsToken,
  formAction,
  signInWithCode,
} from '../../apps/identity/test/browser';
import { type IdentityProcess, startIdentityProcess } from '../../apps/identity/test/identity-process';

jest.setTimeout(600_000);

// The whole chain with nothing stubbed: identity issues the tokens, the ledger and billing verify them
// against identity's JWKS, the notifier emails the invitation.
describe('access with tokens issued by identity', () => {
  let identity: IdentityProcess;
  let smtp: SmtpCapture;
  const apps: AppProcess[] = [];
  let ledger: AppProcess;
  let billing: AppProcess;
  const accountId = `acc_${randomBytes(4).toString('hex')}`;
  const otherAccountId = `acc_${randomBytes(4).toString('hex')}`;
  let operator: string;
  let ownerToken: string;

  const call = async (
    app: AppProcess | IdentityProcess,
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ) => {
    const response = await fetch(new URL(path, app.url), {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
    };
  };

  beforeAll(async () => {
    const topicPrefix = await createTestTopicPrefix('identityaccess');
    smtp = await SmtpCapture.start({ port: 0 });
    identity = await startIdentityProcess({
      databaseUrl: await createTestDatabase('idaccess_identity'),
      topicPrefix,
    });
    const shared = {
      NODE_ENV: 'development',
      KAFKA_BROKERS: testInfrastructure().kafkaBrokers,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      AUTH_ISSUER_URL: identity.url,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    };
    for (const [name, extra] of [
      ['ledger', {}],
      ['billing', { BILLING_JOBS_INTERVAL_MS: '0' }],
      ['notifier', { REMINDER_INTERVAL_MS: '0', DELIVERY_POLL_INTERVAL_MS: '200' }],
    ] as const) {
      const app = new AppProcess(name, await freePort(), {
        ...shared,
        DATABASE_URL: await createTestDatabase(`idaccess_${name}`),
        ...kafkaEnvFor(testInfrastructure().kafkaCredentials, name),
        ...extra,
      });
      app.start();
      apps.push(app);
    }
    // Generous: four apps compile on the fly at once.
    await Promise.all(apps.map((app) => app.waitUntilReady(300_000)));
    [ledger, billing] = apps;

    const dev = await fetch(new URL('/dev/token', identity.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: 'platform', role: 'operator', subject: 'ops@platform.example' }),
    });
    operator = ((await dev.json()) as { access_token: string }).access_token;

    for (const id of [accountId, otherAccountId]) {
      expect((await call(ledger, 'POST', '/accounts', operator, { id })).status).toBe(201);
    }
    await produceRaw({
      brokers: testInfrastructure().kafkaBrokers,
      topic: `${topicPrefix}${Topics.CreditsGranted}`,
      messages: [
        {
          key: accountId,
          value: JSON.stringify({
            schemaVersion: 2,
            eventId: randomUUID(),
            occurredAt: new Date().toISOString(),
            accountId,
            orderId: `ord_${randomUUID().slice(0, 8)}`,
            grantedMillicredits: 100_000,
            source: 'goodwill',
            expiry: { kind: 'never' },
          }),
        },
      ],
    });

    const ownerEmail = `owner_${randomBytes(4).toString('hex')}@shop.example`;
    const ownerPassword = 'the owner passphrase';
    expect(
      (
        await call(identity, 'POST', `/accounts/${accountId}/owner`, operator, {
          email: ownerEmail,
          name: 'Olga Owner',
          password: ownerPassword,
        })
      ).status,
    ).toBe(201);
    ownerToken = (
      await signInWithCode({ identityUrl: identity.url, email: ownerEmail, password: ownerPassword })
    ).tokens.access_token;
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await identity?.stop();
    await smtp?.stop();
  });

  it("an invited member's token works on the ledger for that account and is refused on another", async () => {
    const email = `member_${randomBytes(4).toString('hex')}@shop.example`;
    expect(
      (
        await call(identity, 'POST', `/accounts/${accountId}/invitations`, ownerToken, {
          email,
          role: 'member',
        })
      ).status,
    ).toBe(201);
    const mail = await smtp.waitFor((m) => m.to.includes(email), 90_000);
    const link = new RegExp(`${identity.url}/invitations/[\\w-]+`).exec(mail.text)?.[0];
    expect(link).toBeDefined();
    const browser = new Browser(identity.url);
    const page = await browser.get(String(link));
    expect(
      (await browser.post(formAction(page.body), { name: 'Mia Member', password: 'member passphrase' }))
        .status,
    ).toBe(200);

    const { tokens } = await signInWithCode({
      identityUrl: identity.url,
      email,
      password: 'member passphrase',
    });
    const mine = await call(ledger, 'GET', `/accounts/${accountId}/balance`, tokens.access_token);
    expect(mine.status).toBe(200);
    const other = await call(ledger, 'GET', `/accounts/${otherAccountId}/balance`, tokens.access_token);
    expect(other.status).toBe(403);
    // A member reads but does not reserve credits.
    expect(
      (
        await call(ledger, 'POST', `/accounts/${accountId}/holds`, tokens.access_token, {
          requestedMillicredits: 1000,
        })
      ).status,
    ).toBe(403);
  });

  it("a gateway client's token places a hold but cannot buy credits or read orders", async () => {
    const created = await call(identity, 'POST', `/accounts/${accountId}/clients`, ownerToken, {
      name: 'SMS gateway',
    });
    expect(created.status).toBe(201);
    const response = await clientCredentialsToken({
      identityUrl: identity.url,
      clientId: String(created.body.clientId),
      clientSecret: String(created.body.clientSecret),
    });
    const gateway = ((await response.json()) as { access_token: string }).access_token;

    await waitFor(
      async () =>
        (await call(ledger, 'GET', `/accounts/${accountId}/balance/available`, gateway)).body
          .availableMillicredits === 100_000,
      { what: 'the granted credits', timeoutMs: 60_000 },
    );
    const hold = await call(ledger, 'POST', `/accounts/${accountId}/holds`, gateway, {
      requestedMillicredits: 10_000,
    });
    expect(hold.status).toBe(201);
    expect(hold.body).toEqual(expect.objectContaining({ grantedMillicredits: 10_000 }));

    expect(
      (
        await call(billing, 'POST', `/accounts/${accountId}/orders`, gateway, {
          amountMillicredits: 1_000_000,
        })
      ).status,
    ).toBe(403);
    expect((await call(billing, 'GET', `/accounts/${accountId}/orders`, gateway)).status).toBe(403);
    expect(
      (
        await call(ledger, 'POST', `/accounts/${otherAccountId}/holds`, gateway, {
          requestedMillicredits: 1000,
        })
      ).status,
    ).toBe(403);
  });
});
