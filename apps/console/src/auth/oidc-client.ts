import { Inject, Injectable, Logger } from '@nestjs/common';
// openid-client 6 is an ES module; Node 20.19+ loads it through require() (require(esm)), which is
// how this CommonJS build uses it. Jest's module loader cannot, so it is exercised by the browser
// tests, where the console runs as its own process.
import * as oidc from 'openid-client';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import { isLoopbackUrl } from '../session/loopback';
import type { PendingSignIn, SessionTokens } from '../session/session';

export interface SignInStart {
  pending: PendingSignIn;
  authorizationUrl: string;
}

export interface SignInResult {
  tokens: SessionTokens;
  idClaims: Record<string, unknown>;
}

// Authorization code flow with PKCE against the configured OpenID Provider, discovered once.
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  get redirectUri(): string {
    return new URL('/auth/callback', this.config.CONSOLE_PUBLIC_URL).toString();
  }

  async start(returnTo: string): Promise<SignInStart> {
    const configuration = await this.discovered();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.config.AUTH_SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { pending: { state, codeVerifier, nonce, returnTo }, authorizationUrl: url.href };
  }

  async finish(pending: PendingSignIn, callbackUrl: URL): Promise<SignInResult> {
    const configuration = await this.discovered();
    const response = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    return { tokens: toSessionTokens(response, null), idClaims: { ...(response.claims() ?? {}) } };
  }

  async refresh(tokens: SessionTokens): Promise<SessionTokens> {
    if (tokens.refreshToken === null) {
      throw new Error('no refresh token');
    }
    const configuration = await this.discovered();
    const response = await oidc.refreshTokenGrant(configuration, tokens.refreshToken);
    return toSessionTokens(response, tokens);
  }

  async signOutUrl(idToken: string | null): Promise<string | null> {
    const configuration = await this.discovered();
    if (configuration.serverMetadata().end_session_endpoint === undefined) {
      return null;
    }
    return oidc.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: this.config.CONSOLE_PUBLIC_URL,
      ...(idToken === null ? {} : { id_token_hint: idToken }),
    }).href;
  }

  // Whether the issuer offers a sign-in page (an authorization endpoint); a development issuer that
  // only signs tokens does not.
  async offersSignIn(): Promise<boolean> {
    try {
      return (await this.discovered()).serverMetadata().authorization_endpoint !== undefined;
    } catch {
      return false;
    }
  }

  private discovered(): Promise<oidc.Configuration> {
    const issuer = this.config.AUTH_ISSUER_URL;
    // Retried on the next sign-in when the provider was not reachable.
    this.configuration ??= this.discover(new URL(issuer)).catch((error: unknown) => {
      this.configuration = undefined;
      this.logger.error({ message: 'OpenID Provider discovery failed', issuer, error: String(error) });
      throw error;
    });
    return this.configuration;
  }

  private discover(issuer: URL): Promise<oidc.Configuration> {
    const secret = this.config.AUTH_CLIENT_SECRET;
    return oidc.discovery(
      issuer,
      this.config.AUTH_CLIENT_ID,
      undefined,
      secret === undefined ? oidc.None() : oidc.ClientSecretPost(secret),
      // A provider on plain http is accepted only on this machine (local development and tests).
      isLoopbackUrl(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
  }
}

function toSessionTokens(
  response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  previous: SessionTokens | null,
): SessionTokens {
  const expiresIn = response.expiresIn() ?? 300;
  return {
    accessToken: response.access_token,
    accessTokenExpiresAt: Math.floor(Date.now() / 1000) + expiresIn,
    // A provider that does not rotate refresh tokens leaves the earlier one valid.
    refreshToken: response.refresh_token ?? previous?.refreshToken ?? null,
    idToken: response.id_token ?? previous?.idToken ?? null,
  };
}
