import { randomBytes } from 'node:crypto';
import { CONSOLE_CLIENT, signInWithCode, type TokenSet } from '../../apps/identity/test/browser';
import { fetchDevToken } from '../dev-token';
import { ClientCredentialsTokens } from '../gateway-sim/client-credentials';

// Tokens for the demo's actors, all issued by the identity service: people sign in with their
// password through the console's flow (authorization code with PKCE) and keep their session fresh
// with the refresh token; the gateway uses its machine client (client credentials).

export type TokenSource = () => Promise<string>;

export interface StoryPeople {
  owner: TokenSource;
  operator: TokenSource;
  gateway: TokenSource;
}

export interface SeededCredentials {
  operator: { email: string; password: string };
  owner: { email: string; password: string };
  gateway: { clientId: string; clientSecret: string };
}

// A signed-in person's access token, renewed with the refresh token at 80 % of its life.
export class PersonTokens {
  private renewAt: number;

  private constructor(
    private readonly identityUrl: string,
    private tokens: TokenSet,
  ) {
    this.renewAt = Date.now() + tokens.expires_in * 800;
  }

  static async signIn(options: {
    identityUrl: string;
    email: string;
    password: string;
    accountId: string;
  }): Promise<PersonTokens> {
    const { tokens } = await signInWithCode(options);
    return new PersonTokens(options.identityUrl, tokens);
  }

  readonly token: TokenSource = async () => {
    if (Date.now() >= this.renewAt && this.tokens.refresh_token !== undefined) {
      await this.refresh(this.tokens.refresh_token);
    }
    return this.tokens.access_token;
  };

  private async refresh(refreshToken: string): Promise<void> {
    const response = await fetch(new URL('/token', this.identityUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: CONSOLE_CLIENT,
      }).toString(),
    });
    if (!response.ok) {
      throw new Error(`identity refused to refresh a session (${response.status}): ${await response.text()}`);
    }
    this.tokens = (await response.json()) as TokenSet;
    this.renewAt = Date.now() + this.tokens.expires_in * 800;
  }
}

// Signs the seeded people in and gives the gateway its client-credentials tokens.
export async function signInStoryPeople(options: {
  identityUrl: string;
  accountId: string;
  credentials: SeededCredentials;
}): Promise<StoryPeople> {
  const { identityUrl, accountId, credentials } = options;
  const [owner, operator] = await Promise.all([
    PersonTokens.signIn({ identityUrl, accountId, ...credentials.owner }),
    PersonTokens.signIn({ identityUrl, accountId: 'platform', ...credentials.operator }),
  ]);
  const gateway = new ClientCredentialsTokens({ issuerUrl: identityUrl, ...credentials.gateway });
  return { owner: owner.token, operator: operator.token, gateway: () => gateway.token() };
}

// On a fresh identity service: an operator (bootstrapped with the development-only token route, as
// `npm run stack` does), the account's owner and a gateway client, each with a new secret.
export async function seedStoryPeople(options: {
  identityUrl: string;
  accountId: string;
  ownerEmail: string;
}): Promise<SeededCredentials> {
  const { identityUrl, accountId } = options;
  const secret = (): string => randomBytes(16).toString('base64url');
  const operator = {
    email: `operator+${randomBytes(3).toString('hex')}@platform.example`,
    password: secret(),
  };
  const owner = { email: options.ownerEmail, password: secret() };
  const bootstrap = await fetchDevToken({
    issuerUrl: identityUrl,
    accountId: 'platform',
    role: 'operator',
    subject: 'demo-bootstrap@platform.local',
  });
  await postJson(identityUrl, '/operators', bootstrap, { ...operator, name: 'Demo Operator' });
  const operatorTokens = await PersonTokens.signIn({ identityUrl, accountId: 'platform', ...operator });
  const operatorToken = await operatorTokens.token();
  await postJson(identityUrl, `/accounts/${accountId}/owner`, operatorToken, {
    ...owner,
    name: 'Demo Owner',
  });
  const client = await postJson(identityUrl, `/accounts/${accountId}/clients`, operatorToken, {
    name: 'Demo SMS gateway',
  });
  return {
    operator,
    owner,
    gateway: { clientId: String(client.clientId), clientSecret: String(client.clientSecret) },
  };
}

async function postJson(
  baseUrl: string,
  path: string,
  token: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`POST ${path} on identity answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}
