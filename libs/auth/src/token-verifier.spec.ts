import { Logger, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { hs256Token, TestIssuer, unsignedToken } from '@sms/testing';

import type { AuthOptions } from './auth-options';
import { TokenVerifier } from './token-verifier';

// Refused tokens are logged by design; the test output does not need them.
Logger.overrideLogger(false);

function verifierFor(issuer: TestIssuer, overrides: Partial<AuthOptions> = {}): TokenVerifier {
  return new TokenVerifier({
    issuerUrl: issuer.url,
    audience: 'sms-credits',
    accountClaim: 'accountId',
    roleClaim: 'role',
    ...overrides,
  });
}

const refused = new UnauthorizedException('Invalid or expired token');

describe(TokenVerifier.name, () => {
  let issuer: TestIssuer;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    verifier = verifierFor(issuer);
  });

  afterAll(async () => {
    await issuer.stop();
  });

  const claims = { accountId: 'acc_a', role: 'owner', subject: 'alice' };
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a token signed by the issuer and maps its claims to a principal', async () => {
    await expect(verifier.verify(issuer.token(claims))).resolves.toEqual({
      subject: 'alice',
      accountId: 'acc_a',
      role: 'owner',
    });
  });

  it('fetches the JWKS once and serves later tokens from the cache', async () => {
    const fresh = await TestIssuer.start();
    try {
      const cached = verifierFor(fresh);
      for (let i = 0; i < 5; i += 1) {
        await cached.verify(fresh.token(claims));
      }
      expect(fresh.jwksRequests).toBe(1);
    } finally {
      await fresh.stop();
    }
  });

  describe('refuses with one reason that says nothing about which check failed', () => {
    it.each<[string, () => string]>([
      ['a token for another audience', () => issuer.token({ ...claims, audience: 'someone-else' })],
      ['a token without an audience', () => issuer.token({ ...claims, omit: ['aud'] })],
      ['an expired token, beyond the clock skew', () => issuer.token({ ...claims, expiresInSeconds: -120 })],
      ['a token without exp', () => issuer.token({ ...claims, omit: ['exp'] })],
      ['a token from a wrong issuer', () => issuer.token({ ...claims, issuer: 'https://evil.example' })],
      ['a token without an issuer', () => issuer.token({ ...claims, omit: ['iss'] })],
      ['a token without a subject', () => issuer.token({ ...claims, omit: ['sub'] })],
      [
        'a token signed with a key the issuer never published',
        () => issuer.token({ ...claims, unpublishedKey: true }),
      ],
      [
        'an HS256 token',
        () =>
          hs256Token(
            {
              iss: issuer.url,
              aud: 'sms-credits',
              sub: 'x',
              exp: now() + 60,
              accountId: 'acc_a',
              role: 'operator',
            },
            'a-shared-secret-somebody-leaked',
          ),
      ],
      [
        'an "alg: none" token',
        () =>
          unsignedToken({
            iss: issuer.url,
            aud: 'sms-credits',
            sub: 'x',
            exp: now() + 60,
            accountId: 'acc_a',
            role: 'operator',
          }),
      ],
      ['a token whose signature was tampered with', () => `${issuer.token(claims).slice(0, -4)}AAAA`],
      ['something that is not a JWT', () => 'not.a.jwt'],
    ])('%s', async (_what, token) => {
      await expect(verifier.verify(token())).rejects.toEqual(refused);
    });
  });

  it('accepts a token that expired within the clock skew (30 s)', async () => {
    await expect(verifier.verify(issuer.token({ ...claims, expiresInSeconds: -10 }))).resolves.toMatchObject({
      accountId: 'acc_a',
    });
  });

  it('refuses a token without an account claim or with an unknown role, naming no value', async () => {
    await expect(
      verifier.verify(issuer.token({ ...claims, extraClaims: { accountId: undefined } })),
    ).rejects.toEqual(new UnauthorizedException('Token does not name a credit account'));
    await expect(verifier.verify(issuer.token({ ...claims, role: 'superuser' }))).rejects.toEqual(
      new UnauthorizedException('Token carries no known role'),
    );
  });

  it('answers 503, not 401, while the issuer cannot be reached', async () => {
    const gone = await TestIssuer.start();
    const token = gone.token(claims);
    const unreachable = verifierFor(gone);
    await gone.stop();
    await expect(unreachable.verify(token)).rejects.toBeInstanceOf(ServiceUnavailableException);
  });

  it('refuses to use a discovery document that names another issuer', async () => {
    const other = await TestIssuer.start();
    try {
      // The services expect a trailing slash that the discovery document does not have.
      const mismatched = verifierFor(other, { issuerUrl: `${other.url}/` });
      await expect(
        mismatched.verify(other.token({ ...claims, issuer: `${other.url}/` })),
      ).rejects.toBeInstanceOf(ServiceUnavailableException);
    } finally {
      await other.stop();
    }
  });

  describe('key rotation at the issuer', () => {
    it('accepts tokens of the old key until it is withdrawn, and of the new key at once', async () => {
      const rotating = await TestIssuer.start();
      try {
        const rotatingVerifier = verifierFor(rotating, { jwksCooldownMs: 0 });
        const oldKid = rotating.currentKid;
        const beforeRotation = rotating.token(claims);
        await expect(rotatingVerifier.verify(beforeRotation)).resolves.toMatchObject({ accountId: 'acc_a' });

        rotating.rotate();
        const afterRotation = rotating.token({ ...claims, accountId: 'acc_b' });
        // The new key id is unknown to the cached set, so the verifier fetches the JWKS again.
        await expect(rotatingVerifier.verify(afterRotation)).resolves.toMatchObject({ accountId: 'acc_b' });
        await expect(rotatingVerifier.verify(beforeRotation)).resolves.toMatchObject({ accountId: 'acc_a' });
        expect(rotating.jwksRequests).toBe(2);

        // Once the old key is gone from the JWKS (its tokens have expired), the next fetch forgets it.
        rotating.retire(oldKid);
        rotating.rotate();
        await rotatingVerifier.verify(rotating.token(claims));
        await expect(rotatingVerifier.verify(beforeRotation)).rejects.toEqual(refused);
      } finally {
        await rotating.stop();
      }
    });

    it('does not refetch the JWKS for unknown key ids more than once per cooldown', async () => {
      const flooded = await TestIssuer.start();
      try {
        const guarded = verifierFor(flooded, { jwksCooldownMs: 60_000 });
        await guarded.verify(flooded.token(claims));
        for (let i = 0; i < 5; i += 1) {
          await expect(guarded.verify(flooded.token({ ...claims, unpublishedKey: true }))).rejects.toEqual(
            refused,
          );
        }
        expect(flooded.jwksRequests).toBe(1);
      } finally {
        await flooded.stop();
      }
    });
  });

  describe("a provider of the customer's own (bring your own issuer)", () => {
    it('accepts its tokens with its own claim names, a role among its own roles, and a path issuer', async () => {
      const external = await TestIssuer.start({
        path: '/realms/sms',
        audience: 'sms-platform-api',
        accountClaim: 'https://sms.example.com/account',
        roleClaim: 'roles',
      });
      try {
        const byo = verifierFor(external, {
          audience: 'sms-platform-api',
          accountClaim: 'https://sms.example.com/account',
          roleClaim: 'roles',
        });
        const token = external.token({ accountId: 'acc_ext', role: 'billing', subject: 'carol' });
        await expect(byo.verify(token)).resolves.toEqual({
          subject: 'carol',
          accountId: 'acc_ext',
          role: 'billing',
        });

        const listed = external.token({
          accountId: 'acc_ext',
          role: 'unused',
          extraClaims: { roles: ['offline_access', 'member', 'uma_authorization'] },
        });
        await expect(byo.verify(listed)).resolves.toMatchObject({ role: 'member' });

        const ambiguous = external.token({
          accountId: 'acc_ext',
          role: 'unused',
          extraClaims: { roles: ['member', 'owner'] },
        });
        await expect(byo.verify(ambiguous)).rejects.toEqual(
          new UnauthorizedException('Token carries no known role'),
        );

        // The platform issuer's tokens mean nothing to a service that trusts the external one.
        await expect(byo.verify(issuer.token(claims))).rejects.toEqual(refused);
      } finally {
        await external.stop();
      }
    });

    it('reads a role from a nested claim such as Keycloak realm_access.roles', async () => {
      const keycloak = await TestIssuer.start({ path: '/realms/acme' });
      try {
        const nested = verifierFor(keycloak, { roleClaim: 'realm_access.roles' });
        const token = keycloak.token({
          ...claims,
          role: 'ignored',
          extraClaims: { realm_access: { roles: ['default-roles-acme', 'admin'] } },
        });
        await expect(nested.verify(token)).resolves.toMatchObject({ role: 'admin' });
      } finally {
        await keycloak.stop();
      }
    });

    it('takes keys from AUTH_JWKS_URL without discovery when it is set', async () => {
      const keysOnly = await TestIssuer.start();
      try {
        const entraLike = 'https://login.example.com/tenant-id/v2.0';
        const direct = verifierFor(keysOnly, { issuerUrl: entraLike, jwksUrl: keysOnly.jwksUrl });
        await expect(direct.verify(keysOnly.token({ ...claims, issuer: entraLike }))).resolves.toMatchObject({
          accountId: 'acc_a',
        });
      } finally {
        await keysOnly.stop();
      }
    });
  });
});
