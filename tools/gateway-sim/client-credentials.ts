// A machine client's access tokens (OAuth2 client credentials), fetched when needed and reused until
// shortly before they expire: gateway tokens live minutes, campaigns can run longer.
export class ClientCredentialsTokens {
  private cached?: { token: string; renewAt: number };

  constructor(
    private readonly options: { issuerUrl: string; clientId: string; clientSecret: string },
    private readonly now: () => number = Date.now,
  ) {}

  async token(): Promise<string> {
    if (this.cached !== undefined && this.now() < this.cached.renewAt) {
      return this.cached.token;
    }
    const { issuerUrl, clientId, clientSecret } = this.options;
    const response = await fetch(`${issuerUrl.replace(/\/+$/, '')}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
    if (!response.ok) {
      throw new Error(
        `the identity service refused client ${clientId} (${response.status}): ${await response.text()}`,
      );
    }
    const body = (await response.json()) as { access_token: string; expires_in: number };
    // Renewed at 80 % of its life, so a request never leaves with a token about to expire.
    this.cached = { token: body.access_token, renewAt: this.now() + body.expires_in * 800 };
    return body.access_token;
  }
}
