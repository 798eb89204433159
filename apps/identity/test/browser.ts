import { createHash, randomBytes } from 'node:crypto';

export interface TokenSet {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
}

export interface PageResponse {
  status: number;
  url: string;
  body: string;
  location: string | null;
}

// A browser as far as sign-in needs one: a cookie jar, redirects followed by hand (so the final
// redirect to the console, carrying the code, can be read), and form posts.
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  async get(url: string): Promise<PageResponse> {
    return this.request(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<PageResponse> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  // Follows redirects within the identity service; stops at the first page or at a redirect elsewhere.
  async follow(start: PageResponse): Promise<PageResponse> {
    let page = start;
    for (let hops = 0; hops < 10 && page.location !== null; hops++) {
      const next = new URL(page.location, page.url);
      if (next.origin !== this.origin) {
        return page;
      }
      page = await this.get(next.toString());
    }
    return page;
  }

  private async request(url: string, init: RequestInit): Promise<PageResponse> {
    const absolute = new URL(url, this.origin).toString();
    const response = await fetch(absolute, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=thu, 01 jan 1970/i.test(setCookie)) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
    return {
      status: response.status,
      url: absolute,
      body: await response.text(),
      location: response.headers.get('location'),
    };
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (match === null) {
    throw new Error(`no hidden field ${name} in:\n${html}`);
  }
  return match[1];
}

export function formAction(html: string): string {
  const match = /<form method="post" action="([^"]+)"/.exec(html);
  if (match === null) {
    throw new Error(`no form in:\n${html}`);
  }
  return match[1].replace(/&amp;/g, '&');
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const CONSOLE_CLIENT = 'console';
export const CONSOLE_REDIRECT = 'http://127.0.0.1:3000/auth/callback';

// The console's sign-in: authorization code with PKCE, as a person would go through it.
export async function signInWithCode(options: {
  identityUrl: string;
  email: string;
  password: string;
  // Which account to act for, when the person is asked to choose.
  accountId?: string;
  browser?: Browser;
}): Promise<{ tokens: TokenSet; browser: Browser }> {
  const browser = options.browser ?? new Browser(options.identityUrl);
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(8).toString('hex');
  const authorize = new URL('/auth', options.identityUrl);
  authorize.search = new URLSearchParams({
    client_id: CONSOLE_CLIENT,
    redirect_uri: CONSOLE_REDIRECT,
    response_type: 'code',
    scope: 'openid email profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();
  let page = await browser.follow(await browser.get(authorize.toString()));
  if (page.body.includes('name="password"')) {
    page = await browser.post(formAction(page.body), {
      email: options.email,
      password: options.password,
      csrf: hiddenField(page.body, 'csrf'),
    });
    if (page.location === null) {
      throw new SignInRefused(page);
    }
    page = await browser.follow(page);
  }
  if (page.body.includes('name="accountId"')) {
    page = await browser.follow(
      await browser.post(formAction(page.body), {
        accountId: options.accountId ?? '',
        csrf: hiddenField(page.body, 'csrf'),
      }),
    );
  }
  if (page.location === null || !page.location.startsWith(CONSOLE_REDIRECT)) {
    throw new SignInRefused(page);
  }
  const callback = new URL(page.location);
  if (callback.searchParams.get('state') !== state) {
    throw new Error('state mismatch');
  }
  const code = callback.searchParams.get('code');
  if (code === null) {
    throw new SignInRefused(page);
  }
  const response = await fetch(new URL('/token', options.identityUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: CONSOLE_CLIENT,
      redirect_uri: CONSOLE_REDIRECT,
    }).toString(),
  });
  if (!response.ok) {
    throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`);
  }
  return { tokens: (await response.json()) as TokenSet, browser };
}

export class SignInRefused extends Error {
  constructor(readonly page: PageResponse) {
    super(`sign-in stopped at ${page.url} (${page.status}): ${page.body.slice(0, 300)}`);
  }
}

export async function clientCredentialsToken(options: {
  identityUrl: string;
  clientId: string;
  clientSecret: string;
}): Promise<Response> {
  return fetch(new URL('/token', options.identityUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
  });
}
