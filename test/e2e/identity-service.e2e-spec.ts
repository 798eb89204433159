import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { SmtpCapture } from '@sms/infra';
import { kafkaEnvFor } from '@sms/infra';
import {
  createTestDatabase,
  createTestTopicPrefix,
  runServiceProcess,
  testInfrastructure,
} from '@sms/testing';
import { readNotifierConfig } from '../../apps/notifier/src/config/notifier.config';
import { startNotifier } from '../../apps/notifier/src/start-notifier';
import { Client } from 'pg';
import { exportJWK, generateKeyPair } from 'jose';
import { LOCAL_COOKIE_KEYS } from '../../apps/identity/src/config/identity.config';
import { openPrivateJwk } from '../../apps/identity/src/keys/private-key-cipher';
import {
  Browser,
  clientCredentialsToken,
  CONSOLE_CLIENT,
  formAction,
  hiddenField,
  signInWithCode,
  SignInRefused,
} from '../../apps/identity/test/browser';
import { type IdentityProcess, startIdentityProcess } from '../../apps/identity/test/identity-process';

jest.setTimeout(400_000);

const MAX_FAILURES = 3;

describe('identity service', () => {
  let identity: IdentityProcess;
  let notifier: INestApplication;
  let smtp: SmtpCapture;
  let operator: string;

  const unique = (label: string): string => `${label}_${randomBytes(4).toString('hex')}`;

  const api = async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> & Record<string, unknown>[] }> => {
    const response = await fetch(new URL(path, identity.url), {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : JSON.parse(text) };
  };

  const verify = async (token: string): Promise<JWTPayload> => {
    // A fresh key set each time, fetched from the published JWKS like any other service would.
    const keys = createRemoteJWKSet(new URL('/jwks', identity.url));
    const { payload } = await jwtVerify(token, keys, {
      issuer: identity.url,
      audience: 'sms-credits',
      algorithms: ['ES256'],
      requiredClaims: ['exp'],
    });
    return payload;
  };

  const newAccountWithOwner = async (): Promise<{ accountId: string; email: string; password: string }> => {
    const accountId = unique('acc');
    const email = `${unique('owner')}@shop.example`;
    const password = `owner ${randomBytes(8).toString('hex')}`;
    const created = await api('POST', `/accounts/${accountId}/owner`, operator, {
      email,
      name: 'Olga Owner',
      password,
    });
    expect(created.status).toBe(201);
    return { accountId, email, password };
  };

  // The newest link of that kind emailed to that address (each link is handed out once).
  const seenLinks = new Set<string>();
  const linkIn = async (to: string, path: string): Promise<string> => {
    const linkOf = (text: string): string | undefined =>
      new RegExp(`${identity.url}${path}[\\w-]+`).exec(text)?.[0];
    const mail = await smtp.waitFor((m) => {
      const link = m.to.includes(to) ? linkOf(m.text) : undefined;
      return link !== undefined && !seenLinks.has(link);
    }, 60_000);
    const link = linkOf(mail.text) as string;
    seenLinks.add(link);
    return link;
  };

  beforeAll(async () => {
    smtp = await SmtpCapture.start({ port: 0 });
    const prefix = await createTestTopicPrefix('identity');
    identity = await startIdentityProcess({
      databaseUrl: await createTestDatabase('identity'),
      topicPrefix: prefix,
      extraEnv: { SIGN_IN_MAX_FAILURES_PER_EMAIL: String(MAX_FAILURES) },
    });
    notifier = await startNotifier(
      readNotifierConfig({
        NODE_ENV: 'test',
        PORT: '0',
        DATABASE_URL: await createTestDatabase('identity_notifier'),
        KAFKA_BROKERS: testInfrastructure().kafkaBrokers,
        ...kafkaEnvFor(testInfrastructure().kafkaCredentials, 'notifier'),
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        AUTH_ISSUER_URL: identity.url,
        SMTP_URL: smtp.url,
        DELIVERY_POLL_INTERVAL_MS: '200',
        REMINDER_INTERVAL_MS: '0',
        LOG_LEVEL: 'error',
        LOG_FORMAT: 'text',
      }),
      '127.0.0.1',
    );
    const response = await fetch(new URL('/dev/token', identity.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: 'platform', role: 'operator', subject: 'ops@platform.example' }),
    });
    operator = ((await response.json()) as { access_token: string }).access_token;
  });

  afterAll(async () => {
    await notifier?.close();
    await identity?.stop();
    await smtp?.stop();
  });

  it('publishes its discovery document and an ES256 key set', async () => {
    const discovery = (await (
      await fetch(new URL('/.well-known/openid-configuration', identity.url))
    ).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(identity.url);
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
    );
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys[0]).toEqual(expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256' }));
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('invites by email; the single-use link makes a member who signs in with a token for that account', async () => {
    const account = await newAccountWithOwner();
    const { tokens: ownerTokens } = await signInWithCode({
      identityUrl: identity.url,
      email: account.email,
      password: account.password,
    });
    const ownerClaims = await verify(ownerTokens.access_token);
    expect(ownerClaims).toEqual(expect.objectContaining({ accountId: account.accountId, role: 'owner' }));
    expect(ownerTokens.refresh_token).toEqual(expect.any(String));
    expect((ownerClaims.exp ?? 0) - (ownerClaims.iat ?? 0)).toBe(15 * 60);

    const invitee = `${unique('bill')}@shop.example`;
    const invited = await api(
      'POST',
      `/accounts/${account.accountId}/invitations`,
      ownerTokens.access_token,
      {
        email: invitee,
        role: 'billing',
      },
    );
    expect(invited.status).toBe(201);
    expect(invited.body).toEqual(
      expect.objectContaining({ email: invitee, role: 'billing', status: 'pending' }),
    );
    expect(JSON.stringify(invited.body)).not.toContain('/invitations/');

    const link = await linkIn(invitee, '/invitations/');
    const browser = new Browser(identity.url);
    const page = await browser.get(link);
    expect(page.status).toBe(200);
    expect(page.body).toContain('as billing');
    const password = 'a brand new passphrase';
    const accepted = await browser.post(formAction(page.body), { name: 'Bill Payer', password });
    expect(accepted.status).toBe(200);
    expect((await browser.post(formAction(page.body), { name: 'Bill Payer', password })).status).toBe(410);
    expect((await browser.get(link)).status).toBe(410);

    const { tokens } = await signInWithCode({ identityUrl: identity.url, email: invitee, password });
    const claims = await verify(tokens.access_token);
    expect(claims).toEqual(
      expect.objectContaining({
        accountId: account.accountId,
        role: 'billing',
        aud: 'sms-credits',
        iss: identity.url,
      }),
    );
    const members = await api('GET', `/accounts/${account.accountId}/members`, ownerTokens.access_token);
    expect(members.body.map((m) => [m.email, m.role, m.userId])).toEqual(
      expect.arrayContaining([[invitee, 'billing', claims.sub]]),
    );
  });

  it('lets a person in several accounts choose the account the token acts for', async () => {
    const first = await newAccountWithOwner();
    const second = await newAccountWithOwner();
    const email = `${unique('multi')}@shop.example`;
    const password = 'multi account passphrase';
    for (const [account, role] of [
      [first, 'member'],
      [second, 'admin'],
    ] as const) {
      expect(
        (await api('POST', `/accounts/${account.accountId}/invitations`, operator, { email, role })).status,
      ).toBe(201);
      const link = await linkIn(email, `/invitations/`);
      const browser = new Browser(identity.url);
      const page = await browser.get(link);
      // The second invitation is accepted with the password chosen for the first.
      const form: Record<string, string> = page.body.includes('name="name"')
        ? { name: 'Multi Person', password }
        : { password };
      expect((await browser.post(formAction(page.body), form)).status).toBe(200);
    }
    const { tokens } = await signInWithCode({
      identityUrl: identity.url,
      email,
      password,
      accountId: second.accountId,
    });
    expect(await verify(tokens.access_token)).toEqual(
      expect.objectContaining({ accountId: second.accountId, role: 'admin' }),
    );
  });

  it('emails a password reset link that works once and then not again', async () => {
    const account = await newAccountWithOwner();
    const browser = new Browser(identity.url);
    const requested = await browser.post('/password-reset', { email: account.email });
    expect(requested.status).toBe(200);
    const link = await linkIn(account.email, '/password-reset/');

    const page = await browser.get(link);
    expect(page.status).toBe(200);
    const newPassword = 'the new owner passphrase';
    expect((await browser.post(formAction(page.body), { password: newPassword })).status).toBe(200);
    expect((await browser.post(formAction(page.body), { password: 'yet another passphrase' })).status).toBe(
      410,
    );
    expect((await browser.get(link)).status).toBe(410);

    await expect(
      signInWithCode({ identityUrl: identity.url, email: account.email, password: account.password }),
    ).rejects.toThrow(SignInRefused);
    const { tokens } = await signInWithCode({
      identityUrl: identity.url,
      email: account.email,
      password: newPassword,
    });
    expect(await verify(tokens.access_token)).toEqual(
      expect.objectContaining({ accountId: account.accountId }),
    );
  });

  const refresh = async (refreshToken: string): Promise<{ status: number; error?: string }> => {
    const response = await fetch(new URL('/token', identity.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: CONSOLE_CLIENT,
      }).toString(),
    });
    const body = (await response.json()) as { error?: string };
    return { status: response.status, error: body.error };
  };

  it('ends every session and refresh token of the person when their password is reset', async () => {
    const account = await newAccountWithOwner();
    // Someone else holds the owner's signed-in browser and refresh token.
    const { tokens, browser: stolen } = await signInWithCode({
      identityUrl: identity.url,
      email: account.email,
      password: account.password,
    });
    const rotated = await fetch(new URL('/token', identity.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token as string,
        client_id: CONSOLE_CLIENT,
      }).toString(),
    });
    expect(rotated.status).toBe(200);
    const { refresh_token: stolenRefresh } = (await rotated.json()) as { refresh_token: string };
    // While the session lives, its browser gets new codes without a password.
    await expect(
      signInWithCode({
        identityUrl: identity.url,
        email: account.email,
        password: 'not the password at all',
        browser: stolen,
      }),
    ).resolves.toEqual(
      expect.objectContaining({ tokens: expect.objectContaining({ access_token: expect.any(String) }) }),
    );

    const owner = new Browser(identity.url);
    await owner.post('/password-reset', { email: account.email });
    const page = await owner.get(await linkIn(account.email, '/password-reset/'));
    expect(
      (await owner.post(formAction(page.body), { password: 'a passphrase after the theft' })).status,
    ).toBe(200);

    expect(await refresh(stolenRefresh)).toEqual({ status: 400, error: 'invalid_grant' });
    await expect(
      signInWithCode({
        identityUrl: identity.url,
        email: account.email,
        password: 'not the password at all',
        browser: stolen,
      }),
    ).rejects.toThrow(SignInRefused);
    // The owner signs in again with the new password.
    const again = await signInWithCode({
      identityUrl: identity.url,
      email: account.email,
      password: 'a passphrase after the theft',
    });
    expect(await refresh(again.tokens.refresh_token as string)).toEqual({ status: 200, error: undefined });
  });

  it("ends a removed member's sign-ins for the account: their refresh token stops working", async () => {
    const account = await newAccountWithOwner();
    const { tokens: ownerTokens } = await signInWithCode({
      identityUrl: identity.url,
      email: account.email,
      password: account.password,
    });
    const member = `${unique('member')}@shop.example`;
    await api('POST', `/accounts/${account.accountId}/invitations`, ownerTokens.access_token, {
      email: member,
      role: 'member',
    });
    const invitation = new Browser(identity.url);
    const page = await invitation.get(await linkIn(member, '/invitations/'));
    const password = 'member passphrase here';
    expect((await invitation.post(formAction(page.body), { name: 'Mia Member', password })).status).toBe(200);
    const { tokens } = await signInWithCode({ identityUrl: identity.url, email: member, password });
    const memberId = String((await verify(tokens.access_token)).sub);

    const removed = await api(
      'DELETE',
      `/accounts/${account.accountId}/members/${memberId}`,
      ownerTokens.access_token,
    );
    expect(removed.status).toBe(204);
    expect(await refresh(tokens.refresh_token as string)).toEqual({ status: 400, error: 'invalid_grant' });
    // The owner's own sign-in is untouched.
    expect((await refresh(ownerTokens.refresh_token as string)).status).toBe(200);
  });

  it('answers a reset request for an unknown address like any other, and sends nothing', async () => {
    const email = `${unique('nobody')}@shop.example`;
    const response = await new Browser(identity.url).post('/password-reset', { email });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(smtp.messages().filter((m) => m.to.includes(email))).toHaveLength(0);
  });

  it('locks sign-in for an address after repeated wrong passwords, even for the right one', async () => {
    const account = await newAccountWithOwner();
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILURES; i++) {
      try {
        await signInWithCode({
          identityUrl: identity.url,
          email: account.email,
          password: `wrong guess ${i}`,
        });
      } catch (error) {
        statuses.push((error as SignInRefused).page.status);
      }
    }
    expect(statuses).toEqual([401, 401, 429]);
    const refused = await signInWithCode({
      identityUrl: identity.url,
      email: account.email,
      password: account.password,
    }).catch((error: SignInRefused) => error.page);
    expect(refused).toEqual(expect.objectContaining({ status: 429 }));
    expect((refused as { body: string }).body).toContain('Too many failed attempts');
  });

  it('refuses a forged sign-in form without the anti-forgery token', async () => {
    const account = await newAccountWithOwner();
    const browser = new Browser(identity.url);
    const authorize = new URL('/auth', identity.url);
    authorize.search = new URLSearchParams({
      client_id: 'console',
      redirect_uri: 'http://127.0.0.1:3000/auth/callback',
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const page = await browser.follow(await browser.get(authorize.toString()));
    expect(hiddenField(page.body, 'csrf')).not.toBe('');
    const forged = await browser.post(formAction(page.body), {
      email: account.email,
      password: account.password,
    });
    expect(forged.status).toBe(400);
    expect(forged.location).toBeNull();
  });

  it('issues short-lived gateway tokens to a machine client until it is revoked', async () => {
    const account = await newAccountWithOwner();
    const { tokens } = await signInWithCode({
      identityUrl: identity.url,
      email: account.email,
      password: account.password,
    });
    const created = await api('POST', `/accounts/${account.accountId}/clients`, tokens.access_token, {
      name: 'Main SMS gateway',
    });
    expect(created.status).toBe(201);
    const clientId = String(created.body.clientId);
    const clientSecret = String(created.body.clientSecret);

    const response = await clientCredentialsToken({ identityUrl: identity.url, clientId, clientSecret });
    expect(response.status).toBe(200);
    const claims = await verify(((await response.json()) as { access_token: string }).access_token);
    expect(claims).toEqual(
      expect.objectContaining({ sub: clientId, accountId: account.accountId, role: 'gateway' }),
    );
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(5 * 60);

    const listed = await api('GET', `/accounts/${account.accountId}/clients`, tokens.access_token);
    expect(JSON.stringify(listed.body)).not.toContain(clientSecret);

    const wrong = await clientCredentialsToken({
      identityUrl: identity.url,
      clientId,
      clientSecret: `${clientSecret}x`,
    });
    expect(wrong.status).toBe(401);

    expect(
      (await api('DELETE', `/accounts/${account.accountId}/clients/${clientId}`, tokens.access_token)).status,
    ).toBe(200);
    const revoked = await clientCredentialsToken({ identityUrl: identity.url, clientId, clientSecret });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual(expect.objectContaining({ error: 'invalid_client' }));
  });

  it('after a key rotation signs with the new key and still verifies tokens of the old one', async () => {
    const account = await newAccountWithOwner();
    const created = await api('POST', `/accounts/${account.accountId}/clients`, operator, { name: 'gw' });
    const credentials = {
      identityUrl: identity.url,
      clientId: String(created.body.clientId),
      clientSecret: String(created.body.clientSecret),
    };
    const tokenBefore = (
      (await (await clientCredentialsToken(credentials)).json()) as { access_token: string }
    ).access_token;

    const rotated = await api('POST', '/keys/rotate', operator);
    expect(rotated.status).toBe(200);
    const tokenAfter = (
      (await (await clientCredentialsToken(credentials)).json()) as { access_token: string }
    ).access_token;

    const oldKid = decodeProtectedHeader(tokenBefore).kid;
    const newKid = decodeProtectedHeader(tokenAfter).kid;
    expect(newKid).toBe(rotated.body.kid);
    expect(newKid).not.toBe(oldKid);
    expect(rotated.body.retired).toContain(oldKid);
    await expect(verify(tokenBefore)).resolves.toEqual(expect.objectContaining({ role: 'gateway' }));
    await expect(verify(tokenAfter)).resolves.toEqual(expect.objectContaining({ role: 'gateway' }));
    // Identity's own API accepts both as well.
    for (const token of [tokenBefore, tokenAfter]) {
      expect((await api('GET', `/accounts/${account.accountId}/members`, token)).status).toBe(403);
    }
    expect((await api('POST', '/keys/rotate', tokenAfter)).status).toBe(403);
  });

  it('keeps the last owner: removing or demoting them is refused with the reason', async () => {
    const account = await newAccountWithOwner();
    const { tokens } = await signInWithCode({
      identityUrl: identity.url,
      email: account.email,
      password: account.password,
    });
    const ownerId = String((await verify(tokens.access_token)).sub);

    const demoted = await api(
      'PATCH',
      `/accounts/${account.accountId}/members/${ownerId}`,
      tokens.access_token,
      {
        role: 'admin',
      },
    );
    expect(demoted.status).toBe(409);
    expect(demoted.body.message).toMatch(/last owner of an account cannot be demoted/);
    const removed = await api(
      'DELETE',
      `/accounts/${account.accountId}/members/${ownerId}`,
      tokens.access_token,
    );
    expect(removed.status).toBe(409);
    expect(removed.body.message).toMatch(/last owner of an account cannot be removed/);

    // With a second owner, the first may step down.
    const second = `${unique('second')}@shop.example`;
    await api('POST', `/accounts/${account.accountId}/invitations`, tokens.access_token, {
      email: second,
      role: 'owner',
    });
    const browser = new Browser(identity.url);
    const page = await browser.get(await linkIn(second, '/invitations/'));
    expect(
      (await browser.post(formAction(page.body), { name: 'Second Owner', password: 'second owner pass' }))
        .status,
    ).toBe(200);
    const stepDown = await api(
      'PATCH',
      `/accounts/${account.accountId}/members/${ownerId}`,
      tokens.access_token,
      {
        role: 'admin',
      },
    );
    expect(stepDown.status).toBe(200);
    expect(stepDown.body.role).toBe('admin');
  });

  it('lets only owners, admins and operators manage people, and never across accounts', async () => {
    const account = await newAccountWithOwner();
    const other = await newAccountWithOwner();
    const { tokens } = await signInWithCode({
      identityUrl: identity.url,
      email: account.email,
      password: account.password,
    });
    expect((await api('GET', `/accounts/${other.accountId}/members`, tokens.access_token)).status).toBe(403);
    expect((await api('GET', `/accounts/${account.accountId}/members`, 'not-a-token')).status).toBe(401);
    const badRole = await api('POST', `/accounts/${account.accountId}/invitations`, tokens.access_token, {
      email: 'x@shop.example',
      role: 'operator',
    });
    expect(badRole.status).toBe(400);
  });
});

describe('identity in production', () => {
  const baseEnv = async (): Promise<Record<string, string>> => ({
    NODE_ENV: 'production',
    PORT: '0',
    DATABASE_URL: await createTestDatabase('identity_prod'),
    KAFKA_BROKERS: testInfrastructure().kafkaBrokers,
    ...kafkaEnvFor(testInfrastructure().kafkaCredentials, 'identity'),
    IDENTITY_PUBLIC_URL: 'https://id.sms.example',
    IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    OPS_TOKEN: 'ops-token-for-the-test-0123456789',
    LOG_FORMAT: 'text',
  });

  it('refuses to start with a published sample secret, naming the setting but not its value', async () => {
    const result = await runServiceProcess({
      entry: 'apps/identity/src/main.ts',
      env: { ...(await baseEnv()), IDENTITY_COOKIE_KEYS: LOCAL_COOKIE_KEYS },
      // Compiling the app on the fly is slow on a busy machine; the refusal itself is immediate.
      timeoutMs: 180_000,
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(
      'IDENTITY_COOKIE_KEYS: a published sample value is not allowed in production',
    );
    expect(result.stderr).not.toContain(LOCAL_COOKIE_KEYS);
  });

  it('refuses to start without its secrets and public URL, and never echoes a bad value', async () => {
    const env = await baseEnv();
    const tooShort = 'short-cookie-key-value';
    const result = await runServiceProcess({
      entry: 'apps/identity/src/main.ts',
      env: { ...env, IDENTITY_PUBLIC_URL: '', IDENTITY_COOKIE_KEYS: tooShort },
      timeoutMs: 180_000,
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('IDENTITY_COOKIE_KEYS: every key must be at least 32 characters');
    expect(result.stderr).not.toContain(tooShort);
  });

  it('has no development token route when it runs in production', async () => {
    const prod = await startIdentityProcess({
      databaseUrl: await createTestDatabase('identity_prod_run'),
      topicPrefix: await createTestTopicPrefix('identityprod'),
      extraEnv: {
        NODE_ENV: 'production',
        IDENTITY_COOKIE_KEYS: randomBytes(32).toString('hex'),
        IDENTITY_KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        OPS_TOKEN: 'ops-token-for-the-test-0123456789',
      },
    });
    try {
      const response = await fetch(new URL('/dev/token', prod.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountId: 'acc_x', role: 'owner' }),
      });
      expect(response.status).toBe(404);
      expect((await fetch(new URL('/.well-known/openid-configuration', prod.url))).status).toBe(200);
    } finally {
      await prod.stop();
    }
  });
});

describe('identity signing keys at rest', () => {
  const kek = randomBytes(32);
  let databaseUrl: string;

  const rows = async (): Promise<
    { kid: string; private_jwk: unknown; private_key_sealed: string | null; public_jwk: { x: string } }[]
  > => {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const result = await db.query(
        'select kid, private_jwk, private_key_sealed, public_jwk from identity.signing_key order by created_at',
      );
      return result.rows;
    } finally {
      await db.end();
    }
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('identity_keys');
  });

  it('stores the private key sealed, seals a key left in clear at the next start, and refuses a wrong key-encryption key', async () => {
    const prefix = await createTestTopicPrefix('identitykeys');
    const first = await startIdentityProcess({
      databaseUrl,
      topicPrefix: prefix,
      extraEnv: { IDENTITY_KEY_ENCRYPTION_KEY: kek.toString('hex') },
    });
    const jwks = (await (await fetch(new URL('/jwks', first.url))).json()) as { keys: { kid: string }[] };
    await first.stop();

    const [stored] = await rows();
    expect(jwks.keys.map((k) => k.kid)).toEqual([stored.kid]);
    expect(stored.private_jwk).toBeNull();
    const opened = openPrivateJwk({ sealed: stored.private_key_sealed as string, kid: stored.kid, kek });
    expect(opened.x).toBe(stored.public_jwk.x);
    expect(stored.private_key_sealed).not.toContain(opened.d as string);

    // A key written before sealing existed: in clear, still published (retired a moment ago).
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const legacy = { kid: `legacy-${randomBytes(4).toString('hex')}`, alg: 'ES256', use: 'sig' };
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(
      `insert into identity.signing_key (kid, alg, private_jwk, public_jwk, created_at, retired_at)
       values ($1, 'ES256', $2, $3, now() - interval '1 day', now())`,
      [
        legacy.kid,
        JSON.stringify({ ...(await exportJWK(privateKey)), ...legacy }),
        JSON.stringify({ ...(await exportJWK(publicKey)), ...legacy }),
      ],
    );
    await db.end();

    const wrong = randomBytes(32).toString('hex');
    const refused = await runServiceProcess({
      entry: 'apps/identity/src/main.ts',
      env: { ...first.env, IDENTITY_KEY_ENCRYPTION_KEY: wrong },
      timeoutMs: 180_000,
    });
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain(
      `IDENTITY_KEY_ENCRYPTION_KEY does not decrypt signing key ${stored.kid}`,
    );
    expect(refused.stderr).not.toContain(wrong);
    // Nothing was sealed with the wrong key.
    expect((await rows()).find((r) => r.kid === legacy.kid)?.private_key_sealed).toBeNull();

    const second = await startIdentityProcess({
      databaseUrl,
      topicPrefix: prefix,
      extraEnv: { IDENTITY_KEY_ENCRYPTION_KEY: kek.toString('hex') },
    });
    const republished = (await (await fetch(new URL('/jwks', second.url))).json()) as {
      keys: { kid: string }[];
    };
    await second.stop();
    expect(republished.keys.map((k) => k.kid)).toEqual([stored.kid, legacy.kid]);
    const sealedLegacy = (await rows()).find((r) => r.kid === legacy.kid);
    expect(sealedLegacy?.private_jwk).toBeNull();
    expect(
      openPrivateJwk({ sealed: sealedLegacy?.private_key_sealed as string, kid: legacy.kid, kek }).d,
    ).toEqual(expect.any(String));
  });
});

describe('identity sign-in rate limits', () => {
  let identity: IdentityProcess;
  const LIMIT = 3;

  beforeAll(async () => {
    identity = await startIdentityProcess({
      databaseUrl: await createTestDatabase('identity_rate_limit'),
      topicPrefix: await createTestTopicPrefix('identityrl'),
      extraEnv: { RATE_LIMIT_SIGN_IN_PER_IP: String(LIMIT) },
    });
  });

  afterAll(async () => {
    await identity?.stop();
  });

  it('answers 429 with Retry-After once an address has used up the sign-in allowance of a form', async () => {
    const post = () =>
      fetch(new URL('/password-reset', identity.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'someone@shop.example' }).toString(),
      });
    for (let i = 0; i < LIMIT; i++) {
      expect((await post()).status).toBe(200);
    }
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Pages that only show a form are not sign-in attempts.
    expect((await fetch(new URL('/password-reset', identity.url))).status).toBe(200);
  });

  it('answers 429 with Retry-After at the token endpoint after repeated refused client secrets', async () => {
    const guess = () =>
      clientCredentialsToken({
        identityUrl: identity.url,
        clientId: 'gw_guess',
        clientSecret: 'not-a-secret',
      });
    for (let i = 0; i < LIMIT; i++) {
      expect((await guess()).status).toBe(401);
    }
    // The refusal is counted once the response has gone out.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const limited = await guess();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual(expect.objectContaining({ error: 'slow_down' }));
  });
});
