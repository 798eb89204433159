// Asks the local development issuer that `npm run stack` runs for a token. It exists only on a
// developer's machine: services in production trust their configured issuer and nothing else.
export const LOCAL_ISSUER_URL = 'http://127.0.0.1:3004';

export async function fetchDevToken(options: {
  issuerUrl?: string;
  accountId: string;
  role: string;
  subject?: string;
  expiresInSeconds?: number;
}): Promise<string> {
  const issuerUrl = (options.issuerUrl ?? LOCAL_ISSUER_URL).replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${issuerUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accountId: options.accountId,
        role: options.role,
        subject: options.subject,
        expiresInSeconds: options.expiresInSeconds,
      }),
    });
  } catch {
    throw new Error(`no local issuer answers on ${issuerUrl}: start the platform with \`npm run stack\``);
  }
  if (!response.ok) {
    throw new Error(
      `the local issuer refused to sign a token (${response.status}): ${await response.text()}`,
    );
  }
  return ((await response.json()) as { access_token: string }).access_token;
}
