import { runServiceProcess } from '@sms/testing';

jest.setTimeout(300_000);

// Production settings that are all there except the token issuer; the database password must never
// appear in what the service prints.
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:db-password-not-for-logs@127.0.0.1:1/sms',
  KAFKA_BROKERS: '127.0.0.1:1',
  SMTP_URL: 'smtp://127.0.0.1:1',
  // Malformed on purpose, so that a run with an issuer also stops at the config check.
  PORT: 'eighty',
};

// Compiling a service on the fly takes a while on a busy machine.
const run = (app: string, env: Record<string, string>) =>
  runServiceProcess({ entry: `apps/${app}/src/main.ts`, env, timeoutMs: 90_000 });

describe('a service started with NODE_ENV=production', () => {
  it.each(['ledger', 'billing', 'notifier'])(
    '%s refuses to boot without AUTH_ISSUER_URL, naming the setting and printing no value',
    async (app) => {
      const result = await run(app, PRODUCTION);
      expect(result.code).toBe(78);
      expect(result.stderr).toContain(`Invalid configuration for ${app}`);
      expect(result.stderr).toMatch(/AUTH_ISSUER_URL: /);
      expect(result.stderr).not.toContain('db-password-not-for-logs');
      expect(result.stderr).not.toContain('eighty');
    },
  );

  it('is satisfied once AUTH_ISSUER_URL is given (only the malformed port is left)', async () => {
    const result = await run('ledger', { ...PRODUCTION, AUTH_ISSUER_URL: 'https://id.example.com' });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/PORT: /);
    expect(result.stderr).not.toMatch(/AUTH_ISSUER_URL/);
  });
});
