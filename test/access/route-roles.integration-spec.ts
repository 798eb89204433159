import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { isRole, type Role, ROLES } from '@sms/auth';
import { Topics } from '@sms/contracts';
import {
  createTestDatabase,
  createTestTopicPrefix,
  hs256Token,
  produceRaw,
  serviceTestEnv,
  TestIssuer,
  testInfrastructure,
  unsignedToken,
  waitFor,
} from '@sms/testing';
import request from 'supertest';

import { readBillingConfig } from '../../apps/billing/src/config/billing.config';
import { startBilling } from '../../apps/billing/src/start-billing';
import { readLedgerConfig } from '../../apps/ledger/src/config/ledger.config';
import { startLedger } from '../../apps/ledger/src/start-ledger';
import { readNotifierConfig } from '../../apps/notifier/src/config/notifier.config';
import { startNotifier } from '../../apps/notifier/src/start-notifier';
import { serviceRoutes } from '../../tools/roles-table/service-routes';

jest.setTimeout(180_000);

type AppName = 'ledger' | 'billing' | 'notifier';

// The only routes anyone may call without a token: probes, metrics, and the Stripe webhook, which
// carries Stripe's own signature instead.
const PUBLIC_ROUTES = [
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  'POST /webhooks/stripe',
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

interface Operation {
  app: AppName;
  method: HttpMethod;
  path: string;
  roles?: unknown;
  public?: unknown;
  description?: string;
}

interface RunningApp {
  app: INestApplication;
  issuer: TestIssuer;
  operations: Operation[];
}

const ACCOUNT = 'acc_walk';

describe('access to every route of the services', () => {
  const running = {} as Record<AppName, RunningApp>;
  let prefix: string;
  let platformIssuer: TestIssuer;
  // The notifier trusts another provider, with claim names and an audience of its own, as an SMS
  // business that brings its own identity provider would configure it.
  let externalIssuer: TestIssuer;

  beforeAll(async () => {
    platformIssuer = await TestIssuer.start();
    externalIssuer = await TestIssuer.start({
      path: '/realms/sms',
      audience: 'sms-platform-api',
      accountClaim: 'https://sms.example.com/account',
      roleClaim: 'roles',
    });
    prefix = await createTestTopicPrefix('access');
    const env = async (service: AppName, issuer: TestIssuer, extra: Record<string, string> = {}) =>
      serviceTestEnv({
        databaseUrl: await createTestDatabase(`access_${service}`),
        topicPrefix: prefix,
        issuer,
        service,
        extra,
      });
    const [ledger, billing, notifier] = await Promise.all([
      startLedger(readLedgerConfig(await env('ledger', platformIssuer)), '127.0.0.1'),
      startBilling(
        readBillingConfig(await env('billing', platformIssuer, { BILLING_JOBS_INTERVAL_MS: '0' })),
        '127.0.0.1',
      ),
      startNotifier(
        readNotifierConfig(
          await env('notifier', externalIssuer, {
            SMTP_URL: 'smtp://127.0.0.1:1',
            REMINDER_INTERVAL_MS: '0',
          }),
        ),
        '127.0.0.1',
      ),
    ]);
    const apps: [AppName, INestApplication, TestIssuer][] = [
      ['ledger', ledger, platformIssuer],
      ['billing', billing, platformIssuer],
      ['notifier', notifier, externalIssuer],
    ];
    for (const [name, app, issuer] of apps) {
      const document = (await request(app.getHttpServer()).get('/docs/openapi.json').expect(200)).body as {
        paths: Record<string, Partial<Record<HttpMethod, Record<string, unknown>>>>;
      };
      const operations = Object.entries(document.paths).flatMap(([path, item]) =>
        HTTP_METHODS.filter((method) => item[method] !== undefined).map((method) => ({
          app: name,
          method,
          path,
          roles: item[method]?.['x-roles'],
          public: item[method]?.['x-public'],
          description: item[method]?.description as string | undefined,
        })),
      );
      running[name] = { app, issuer, operations };
    }
  });

  afterAll(async () => {
    await Promise.all(Object.values(running).map(({ app }) => app.close()));
    await platformIssuer?.stop();
    await externalIssuer?.stop();
  });

  const all = (): Operation[] => Object.values(running).flatMap(({ operations }) => operations);
  const name = (operation: Operation) => `${operation.method.toUpperCase()} ${operation.path}`;
  const rolesOf = (operation: Operation): Role[] => operation.roles as Role[];
  const guarded = (): Operation[] => all().filter((operation) => operation.public !== true);

  // Path parameters filled so that the account is the token's own; other ids need not exist, since
  // the guard decides before any handler runs.
  const call = (operation: Operation, bearer?: string, accountId = ACCOUNT): request.Test => {
    const path = operation.path
      .replace('{accountId}', accountId)
      .replace('{currency}', 'EUR')
      .replace(/\{\w+\}/g, 'x');
    const req = request(running[operation.app].app.getHttpServer())[operation.method](path);
    // A body no DTO accepts, so that a route the guard lets through stops at validation, not in a job.
    const sent = ['post', 'put', 'patch'].includes(operation.method) ? req.send({ accessWalk: true }) : req;
    return bearer === undefined ? sent : sent.set('Authorization', bearer);
  };
  const bearer = (app: AppName, role: Role, accountId = ACCOUNT) =>
    running[app].issuer.bearer(accountId, role, `${role}@walk.example`);

  it('finds the routes of all three services in their OpenAPI documents', () => {
    expect(running.ledger.operations.length).toBeGreaterThan(20);
    expect(running.billing.operations.length).toBeGreaterThan(20);
    expect(running.notifier.operations.length).toBeGreaterThan(8);
  });

  it('has declared roles on every route except the public short list', () => {
    const undeclared = guarded()
      .filter((operation) => !Array.isArray(operation.roles) || operation.roles.length === 0)
      .map(name);
    expect(undeclared).toEqual([]);
  });

  it('has no public route outside the short list, documented or not', () => {
    const documented = all()
      .filter((operation) => operation.public === true)
      .map(name);
    const declared = serviceRoutes().flatMap(({ routes }) =>
      routes.filter((route) => route.public).map((route) => `${route.method} ${route.path}`),
    );
    expect([...new Set([...documented, ...declared])].sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('declares only known roles, and says them in the operation description', () => {
    for (const operation of guarded()) {
      expect({ route: name(operation), unknown: rolesOf(operation).filter((role) => !isRole(role)) }).toEqual(
        {
          route: name(operation),
          unknown: [],
        },
      );
      expect(operation.description).toContain(`Roles: ${rolesOf(operation).join(', ')}.`);
    }
  });

  it('publishes the routes and roles the README table is generated from, hiding only public routes', () => {
    const documented = all().map(
      (operation) =>
        `${operation.app} ${name(operation)} ${operation.public === true ? 'public' : [...rolesOf(operation)].sort().join(',')}`,
    );
    const declared = serviceRoutes().flatMap(({ app, routes }) =>
      routes.map(
        (route) =>
          `${app} ${route.method} ${route.path} ${route.public ? 'public' : [...route.roles].sort().join(',')}`,
      ),
    );
    expect(documented.filter((route) => !declared.includes(route))).toEqual([]);
    // Metrics and the Stripe webhook are left out of the API documents; nothing guarded may be.
    expect(declared.filter((route) => !documented.includes(route) && !route.endsWith(' public'))).toEqual([]);
  });

  it('answers 401 on every guarded route without a token', async () => {
    const statuses = await Promise.all(
      guarded().map(async (operation) => `${name(operation)} ${(await call(operation)).status}`),
    );
    expect(statuses.filter((line) => !line.endsWith(' 401'))).toEqual([]);
  });

  it('enforces exactly the declared roles on every route', async () => {
    const wrong: string[] = [];
    for (const operation of guarded()) {
      await Promise.all(
        ROLES.map(async (role) => {
          const { status } = await call(operation, bearer(operation.app, role));
          const allowed = rolesOf(operation).includes(role);
          if (allowed ? status === 401 || status === 403 : status !== 403) {
            wrong.push(`${operation.app} ${name(operation)} as ${role}: ${status}`);
          }
        }),
      );
    }
    expect(wrong).toEqual([]);
  });

  it("refuses an allowed role on another account's routes, except an operator's", async () => {
    const wrong: string[] = [];
    for (const operation of guarded().filter((op) => op.path.includes('{accountId}'))) {
      for (const role of rolesOf(operation)) {
        const { status } = await call(operation, bearer(operation.app, role, 'acc_somebody_else'));
        const expected = role === 'operator' ? status !== 403 : status === 403;
        if (!expected) {
          wrong.push(`${operation.app} ${name(operation)} as ${role} of another account: ${status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses bad tokens on every service with 401 and one reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const wrong: string[] = [];
    for (const app of ['ledger', 'billing', 'notifier'] as const) {
      const { issuer } = running[app];
      const claims = { accountId: ACCOUNT, role: 'owner' };
      const forged = {
        iss: issuer.url,
        aud: issuer.audience,
        sub: 'mallory',
        exp: now + 600,
        [app === 'notifier' ? 'https://sms.example.com/account' : 'accountId']: ACCOUNT,
        [app === 'notifier' ? 'roles' : 'role']: 'operator',
      };
      const bad: Record<string, string> = {
        'another audience': issuer.token({ ...claims, audience: 'another-api' }),
        expired: issuer.token({ ...claims, expiresInSeconds: -300 }),
        'no exp': issuer.token({ ...claims, omit: ['exp'] }),
        'wrong issuer': issuer.token({ ...claims, issuer: 'https://issuer.example' }),
        'unknown key': issuer.token({ ...claims, unpublishedKey: true }),
        HS256: hs256Token(forged, 'a-shared-secret'),
        'alg none': unsignedToken(forged),
      };
      for (const [what, token] of Object.entries(bad)) {
        const response = await request(running[app].app.getHttpServer())
          .get('/me')
          .set('Authorization', `Bearer ${token}`);
        if (response.status !== 401 || response.body.message !== 'Invalid or expired token') {
          wrong.push(`${app} ${what}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  describe('the sending path', () => {
    const accountId = `acc_${randomUUID().slice(0, 8)}`;
    const ledger = () => request(running.ledger.app.getHttpServer());
    const billing = () => request(running.billing.app.getHttpServer());

    beforeAll(async () => {
      await ledger()
        .post('/accounts')
        .set('Authorization', bearer('ledger', 'operator', 'ops'))
        .send({ id: accountId })
        .expect(201);
      await produceRaw({
        brokers: testInfrastructure().kafkaBrokers,
        topic: `${prefix}${Topics.CreditsGranted}`,
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
      await waitFor(
        async () =>
          (
            await ledger()
              .get(`/accounts/${accountId}/balance/available`)
              .set('Authorization', bearer('ledger', 'gateway', accountId))
          ).body.availableMillicredits === 100_000,
        { what: 'the granted credits', timeoutMs: 60_000 },
      );
    });

    it('lets a gateway place, read and release a hold and read the rate card and available balance', async () => {
      const gateway = bearer('ledger', 'gateway', accountId);
      const placed = await ledger()
        .post(`/accounts/${accountId}/holds`)
        .set('Authorization', gateway)
        .send({ requestedMillicredits: 30_000 })
        .expect(201);
      expect(placed.body).toMatchObject({ grantedMillicredits: 30_000 });
      const holdId = (placed.body as { holdId: string }).holdId;
      await ledger().get(`/accounts/${accountId}/holds/${holdId}`).set('Authorization', gateway).expect(200);
      const available = await ledger()
        .get(`/accounts/${accountId}/balance/available`)
        .set('Authorization', gateway)
        .expect(200);
      expect(available.body).toEqual({ accountId, availableMillicredits: 70_000 });
      await ledger()
        .post(`/accounts/${accountId}/holds/${holdId}/release`)
        .set('Authorization', gateway)
        .expect(200);
      await ledger().get('/rate-card').set('Authorization', gateway).expect(200);
    });

    it('does not let a gateway buy credits, read orders or see the balance breakdown', async () => {
      const gateway = bearer('billing', 'gateway', accountId);
      await billing()
        .post(`/accounts/${accountId}/orders`)
        .set('Authorization', gateway)
        .send({ amountMillicredits: 1_000_000 })
        .expect(403);
      await billing().get(`/accounts/${accountId}/orders`).set('Authorization', gateway).expect(403);
      await ledger().get(`/accounts/${accountId}/balance`).set('Authorization', gateway).expect(403);
    });

    it('does not let a member place or release a hold, but lets it read the balance', async () => {
      const member = bearer('ledger', 'member', accountId);
      await ledger()
        .post(`/accounts/${accountId}/holds`)
        .set('Authorization', member)
        .send({ requestedMillicredits: 1000 })
        .expect(403);
      const placed = await ledger()
        .post(`/accounts/${accountId}/holds`)
        .set('Authorization', bearer('ledger', 'gateway', accountId))
        .send({ requestedMillicredits: 1000 })
        .expect(201);
      const holdId = (placed.body as { holdId: string }).holdId;
      await ledger()
        .delete(`/accounts/${accountId}/holds/${holdId}`)
        .set('Authorization', member)
        .expect(403);
      await ledger().get(`/accounts/${accountId}/balance`).set('Authorization', member).expect(200);
    });
  });

  describe('a service pointed at an external identity provider', () => {
    it("accepts the provider's tokens with its own claim names and audience", async () => {
      const token = externalIssuer.token({
        accountId: 'acc_ext',
        role: 'unused',
        subject: 'dana',
        extraClaims: { roles: ['offline_access', 'owner'] },
      });
      const response = await request(running.notifier.app.getHttpServer())
        .get('/me')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(response.body).toEqual({ subject: 'dana', accountId: 'acc_ext', role: 'owner' });
    });

    it("refuses the platform issuer's tokens", async () => {
      await request(running.notifier.app.getHttpServer())
        .get('/me')
        .set('Authorization', platformIssuer.bearer('acc_ext', 'owner'))
        .expect(401);
    });
  });

  // Last in the file: it changes the platform issuer's signing key.
  describe('a key rotation at the platform issuer', () => {
    it("keeps accepting the old key's tokens and accepts the new key's without a restart", async () => {
      const me = (app: AppName, token: string) =>
        request(running[app].app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`);
      const beforeRotation = platformIssuer.token({ accountId: ACCOUNT, role: 'owner' });
      await me('ledger', beforeRotation).expect(200);

      platformIssuer.rotate();
      const afterRotation = platformIssuer.token({ accountId: ACCOUNT, role: 'billing' });
      // The services fetch the JWKS again for the unknown key id, at most once per 5 s cooldown.
      for (const app of ['ledger', 'billing'] as const) {
        await waitFor(async () => (await me(app, afterRotation)).status === 200, {
          what: `${app} to accept the new key`,
          timeoutMs: 15_000,
          intervalMs: 500,
        });
        await me(app, beforeRotation).expect(200);
      }
    });
  });
});
