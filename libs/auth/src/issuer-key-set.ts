import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

import { type AuthOptions, DEFAULT_JWKS_COOLDOWN_MS, DEFAULT_JWKS_MAX_AGE_MS } from './auth-options';

const DISCOVERY_TIMEOUT_MS = 5_000;

// The issuer's keys could not be fetched: a fault on our side or the issuer's, not the caller's.
export class IssuerUnavailableError extends Error {
  constructor(reason: string) {
    super(`Token issuer unavailable: ${reason}`);
    this.name = IssuerUnavailableError.name;
  }
}

// OpenID Connect Discovery 1.0 §4: the document lives under the issuer identifier, whose trailing
// slash (Auth0 issuers have one) is removed before the well-known suffix is added.
export function discoveryUrl(issuerUrl: string): string {
  return `${issuerUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

// The issuer's signing keys, found from its discovery document once (or taken from AUTH_JWKS_URL),
// then cached by jose's remote JWK set, which fetches the set again when a token names a key id it
// does not hold: that is how a key rotation at the issuer reaches the services without a restart.
// Nothing is fetched at boot, so a service starts even while the issuer is still starting.
export class IssuerKeySet {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(private readonly options: AuthOptions) {}

  getKey: JWTVerifyGetKey = async (header, token) => (await this.resolve())(header, token);

  private resolve(): Promise<JWTVerifyGetKey> {
    if (this.keys === undefined) {
      this.keys = this.jwksUrl().then((url) =>
        createRemoteJWKSet(new URL(url), {
          cooldownDuration: this.options.jwksCooldownMs ?? DEFAULT_JWKS_COOLDOWN_MS,
          cacheMaxAge: this.options.jwksMaxAgeMs ?? DEFAULT_JWKS_MAX_AGE_MS,
        }),
      );
      // A failed discovery is tried again on the next request rather than remembered.
      this.keys.catch(() => (this.keys = undefined));
    }
    return this.keys;
  }

  private async jwksUrl(): Promise<string> {
    if (this.options.jwksUrl !== undefined) {
      return this.options.jwksUrl;
    }
    let document: unknown;
    try {
      const response = await fetch(discoveryUrl(this.options.issuerUrl), {
        signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) {
        throw new IssuerUnavailableError(`discovery answered ${response.status}`);
      }
      document = await response.json();
    } catch (error) {
      throw error instanceof IssuerUnavailableError
        ? error
        : new IssuerUnavailableError(`discovery failed (${(error as Error).message})`);
    }
    const { issuer, jwks_uri: jwksUri } = (document ?? {}) as Record<string, unknown>;
    // Discovery §4.3: a document for another issuer must not be used.
    if (issuer !== this.options.issuerUrl) {
      throw new IssuerUnavailableError('discovery document names another issuer');
    }
    if (typeof jwksUri !== 'string') {
      throw new IssuerUnavailableError('discovery document has no jwks_uri');
    }
    return jwksUri;
  }
}
