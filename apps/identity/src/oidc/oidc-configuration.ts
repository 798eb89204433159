import type {
  AdapterPayload,
  ClientMetadata,
  Configuration,
  errors as OidcErrors,
  FindAccount,
  JWK,
  KoaContextWithOIDC,
} from 'oidc-provider';
import type { TokenClaims } from '../auth/token-claims';
import type { IdentityConfig } from '../config/identity.config';
import { OidcAdapter } from './oidc-adapter';
import type { OidcRecordRepository } from './oidc-record.repository';

// The one API every token is for. Clients may pass it as `resource` or leave it out.
export const API_RESOURCE = 'urn:sms-credits:api';
export const API_SCOPE = 'api';
export const OIDC_SCOPES = ['openid', 'offline_access', 'email', 'profile'];

export interface OidcConfigurationDeps {
  config: IdentityConfig;
  keys: JWK[];
  records: OidcRecordRepository;
  errors: typeof OidcErrors;
  findClient: (clientId: string) => Promise<AdapterPayload | undefined>;
  findAccount: FindAccount;
  // The account and role the token acts for; throws when the grant no longer entitles anyone.
  claimsForGrant: (grantId: string) => Promise<TokenClaims>;
  claimsForClient: (clientId: string) => Promise<TokenClaims>;
}

// oidc-provider's configuration: what the platform's OpenID Provider allows and issues.
export function oidcConfiguration(deps: OidcConfigurationDeps): Configuration {
  const { config, errors } = deps;
  const consoleClient: ClientMetadata = {
    client_id: config.CONSOLE_CLIENT_ID,
    client_name: 'SMS credits console',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: config.CONSOLE_REDIRECT_URIS,
    post_logout_redirect_uris: config.CONSOLE_REDIRECT_URIS.map((uri) => new URL(uri).origin + '/'),
  };
  const consoleOrigins = new Set(config.CONSOLE_REDIRECT_URIS.map((uri) => new URL(uri).origin));
  const isMachine = (client: { grantTypeAllowed(type: string): boolean }): boolean =>
    client.grantTypeAllowed('client_credentials');

  return {
    adapter: (name: string) => new OidcAdapter(name, deps.records, deps.findClient),
    clients: [consoleClient],
    jwks: { keys: deps.keys },
    cookies: { keys: config.IDENTITY_COOKIE_KEYS },
    findAccount: deps.findAccount,
    scopes: OIDC_SCOPES,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    // Asymmetric signatures only: HS* would need client secrets in clear, and we keep only hashes.
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256'],
      userinfoSigningAlgValues: ['ES256'],
      authorizationSigningAlgValues: ['ES256'],
      introspectionSigningAlgValues: ['ES256'],
      clientAuthSigningAlgValues: ['ES256'],
      requestObjectSigningAlgValues: ['ES256'],
    },
    // Authorization code (with PKCE) for people, client credentials for machines; nothing implicit.
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator, client) => {
          if (indicator !== API_RESOURCE) {
            throw new errors.InvalidTarget(`unknown resource; use ${API_RESOURCE}`);
          }
          return {
            scope: API_SCOPE,
            audience: config.AUTH_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: isMachine(client)
              ? config.MACHINE_ACCESS_TOKEN_TTL_SECONDS
              : config.USER_ACCESS_TOKEN_TTL_SECONDS,
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind === 'ClientCredentials' && token.clientId) {
        return { ...(await deps.claimsForClient(token.clientId)) };
      }
      if (token.kind === 'AccessToken' && token.grantId) {
        return { ...(await deps.claimsForGrant(token.grantId)) };
      }
      return undefined;
    },
    // The console keeps people signed in with refresh tokens, without asking for offline_access.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx: KoaContextWithOIDC, origin: string, client) =>
      client.clientId === config.CONSOLE_CLIENT_ID && consoleOrigins.has(origin),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: {
      AuthorizationCode: 60,
      IdToken: config.USER_ACCESS_TOKEN_TTL_SECONDS,
      Interaction: 15 * 60,
      Session: config.SESSION_TTL_SECONDS,
      Grant: config.REFRESH_TOKEN_TTL_SECONDS,
      RefreshToken: config.REFRESH_TOKEN_TTL_SECONDS,
      AccessToken: config.USER_ACCESS_TOKEN_TTL_SECONDS,
      ClientCredentials: config.MACHINE_ACCESS_TOKEN_TTL_SECONDS,
    },
  };
}
