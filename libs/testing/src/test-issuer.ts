import { createHmac, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestIssuerOptions {
  // Appended to http://127.0.0.1:<port>, for issuers whose identifier has a path (Keycloak realms).
  path?: string;
  audience?: string;
  // The claim names this issuer puts the account and role in (an external provider's may differ).
  accountClaim?: string;
  roleClaim?: string;
  // Published in the discovery document as the JWKS location.
  jwksPath?: string;
  port?: number;
  // Serves POST /dev/token, which signs whatever claims it is sent: only for a developer's own machine
  // (the local stack), never for anything reachable by others.
  devTokenEndpoint?: boolean;
}

export interface TokenFor {
  subject?: string;
  accountId: string;
  role: string;
  // Seconds from now; negative for a token that has already expired.
  expiresInSeconds?: number;
  audience?: string | string[];
  issuer?: string;
  // Left out of the token entirely.
  omit?: ('exp' | 'aud' | 'iss' | 'sub')[];
  // Signed with a key of this issuer that was never published in its JWKS.
  unpublishedKey?: boolean;
  kid?: string;
  extraClaims?: Record<string, unknown>;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

const DEFAULT_EXPIRY_SECONDS = 3600;

// An OpenID provider in the test process: a discovery document and a JWKS over real HTTP for ES256
// keys it generates, and tokens signed with whatever claims a test needs (good ones and bad ones).
// Signing is synchronous (node:crypto), so tests build tokens inline. Test-only: it signs anything.
export class TestIssuer {
  private keys: SigningKey[] = [];
  private signingKid: string;
  private readonly unpublished: SigningKey = newKey();
  jwksRequests = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: TestIssuerOptions,
  ) {
    const first = newKey();
    this.keys.push(first);
    this.signingKid = first.kid;
  }

  static async start(options: TestIssuerOptions = {}): Promise<TestIssuer> {
    // The handler needs the issuer, which needs the server's port: the server comes first.
    const started: { issuer?: TestIssuer } = {};
    const server = createServer((request, response) => {
      const { issuer } = started;
      if (issuer === undefined) {
        response.writeHead(503).end();
      } else if (request.method === 'POST') {
        issuer.mint(request, response);
      } else {
        issuer.answer(request.url ?? '/', response);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    started.issuer = new TestIssuer(server, `http://127.0.0.1:${port}${options.path ?? ''}`, options);
    return started.issuer;
  }

  get audience(): string {
    return this.options.audience ?? 'sms-credits';
  }

  get jwksUrl(): string {
    return `${this.url.replace(/\/+$/, '')}${this.options.jwksPath ?? '/jwks'}`;
  }

  // The settings a service needs to trust this issuer.
  env(): Record<string, string> {
    return {
      AUTH_ISSUER_URL: this.url,
      AUTH_AUDIENCE: this.audience,
      ...(this.options.accountClaim ? { AUTH_ACCOUNT_CLAIM: this.options.accountClaim } : {}),
      ...(this.options.roleClaim ? { AUTH_ROLE_CLAIM: this.options.roleClaim } : {}),
    };
  }

  token(claims: TokenFor): string {
    const now = Math.floor(Date.now() / 1000);
    const omit = new Set(claims.omit ?? []);
    const payload: Record<string, unknown> = {
      iss: claims.issuer ?? this.url,
      aud: claims.audience ?? this.audience,
      sub: claims.subject ?? `${claims.role}@${claims.accountId}.example`,
      iat: now,
      exp: now + (claims.expiresInSeconds ?? DEFAULT_EXPIRY_SECONDS),
      [this.options.accountClaim ?? 'accountId']: claims.accountId,
      [this.options.roleClaim ?? 'role']: claims.role,
      ...claims.extraClaims,
    };
    for (const name of omit) {
      delete payload[name];
    }
    const key = claims.unpublishedKey ? this.unpublished : this.key(claims.kid ?? this.signingKid);
    return signEs256(key, payload);
  }

  // `Bearer <token>` for a role on an account.
  bearer(accountId: string, role: string, subject?: string): string {
    return `Bearer ${this.token({ accountId, role, subject })}`;
  }

  // A new key signs from now on; the previous ones stay published so their tokens keep verifying.
  rotate(): string {
    const key = newKey();
    this.keys.push(key);
    this.signingKid = key.kid;
    return key.kid;
  }

  // Stops publishing a key, as an issuer does once the last token it signed has expired.
  retire(kid: string): void {
    this.keys = this.keys.filter((key) => key.kid !== kid);
  }

  get currentKid(): string {
    return this.signingKid;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private key(kid: string): SigningKey {
    const key = this.keys.find((candidate) => candidate.kid === kid);
    if (key === undefined) {
      throw new Error(`no key ${kid}`);
    }
    return key;
  }

  private mint(request: IncomingMessage, response: ServerResponse): void {
    if (
      !this.options.devTokenEndpoint ||
      request.url !== `${new URL(this.url).pathname.replace(/\/+$/, '')}/dev/token`
    ) {
      response.writeHead(404).end();
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      try {
        const claims = JSON.parse(body) as TokenFor;
        if (typeof claims.accountId !== 'string' || typeof claims.role !== 'string') {
          throw new Error('accountId and role are required');
        }
        const token = this.token({
          accountId: claims.accountId,
          role: claims.role,
          subject: claims.subject,
          expiresInSeconds: claims.expiresInSeconds,
        });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ access_token: token, token_type: 'Bearer' }));
      } catch (error) {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: (error as Error).message }));
      }
    });
  }

  private answer(path: string, response: ServerResponse): void {
    const base = new URL(this.url).pathname.replace(/\/+$/, '');
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (path === `${base}/.well-known/openid-configuration`) {
      json(200, {
        issuer: this.url,
        jwks_uri: this.jwksUrl,
        id_token_signing_alg_values_supported: ['ES256'],
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
      });
      return;
    }
    if (path === new URL(this.jwksUrl).pathname) {
      this.jwksRequests += 1;
      json(200, { keys: this.keys.map((key) => key.publicJwk) });
      return;
    }
    json(404, { error: 'not found' });
  }
}

// Tokens no honest issuer of ours would produce, for the tests that they are refused.
export function hs256Token(payload: Record<string, unknown>, secret: string): string {
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export function unsignedToken(payload: Record<string, unknown>): string {
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomBytes(8).toString('hex');
  return {
    kid,
    privateKey,
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' },
  };
}

function signEs256(key: SigningKey, payload: Record<string, unknown>): string {
  const input = `${encode({ alg: 'ES256', typ: 'JWT', kid: key.kid })}.${encode(payload)}`;
  // JWS (RFC 7518 §3.4) wants the raw r||s signature, not DER.
  const signature = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

function encode(part: object): string {
  return Buffer.from(JSON.stringify(part)).toString('base64url');
}
