import { z } from 'zod';
import {
  commonSettings,
  ConfigError,
  crossSettingProblems,
  positiveInt,
  urlSetting,
  withLocalDefaults,
} from '@sms/config';
import { parseKeyEncryptionKey } from './key-encryption-key';

// Published sample values: anything shipped in this repository or its docs is known to the world, so
// production refuses it. The local default exists only so `npm run stack` works out of the box.
export const LOCAL_COOKIE_KEYS = 'local-identity-cookie-key-change-me-0123456789';
// 32 bytes in hex; as published as the cookie key above, and refused in production the same way.
export const LOCAL_KEY_ENCRYPTION_KEY = '10ca1de7e10cbe1c0ffee0ddba11ca75c0de5ea1ed0000000000000000000001';
const SAMPLE_MARKERS = ['change-me', 'changeme', 'sample', 'example', 'default', 'secret'];

const cookieKeys = z
  .string()
  .min(1)
  .transform((value) => value.split(',').map((key) => key.trim()))
  .refine((keys) => keys.every((key) => key.length >= 32), {
    message: 'every key must be at least 32 characters',
  });

export const identityConfigSchema = z.object({
  ...commonSettings({ port: 3004, clientId: 'identity' }),
  // Identity is the issuer the other services trust (their AUTH_ISSUER_URL); it does not consult one.
  AUTH_ISSUER_URL: urlSetting(['http', 'https']).optional(),
  // Where people and other services reach this service: the OpenID issuer identifier, and the base
  // of the links in emails. Defaults to http://127.0.0.1:<PORT> outside production.
  IDENTITY_PUBLIC_URL: urlSetting(['http', 'https']).optional(),
  // The `aud` of every access token; the other services check it (AUTH_AUDIENCE there too).
  AUTH_AUDIENCE: z.string().min(1).default('sms-credits'),
  // Keys that sign the sign-in cookies, comma-separated, newest first (older ones still verify).
  IDENTITY_COOKIE_KEYS: cookieKeys,
  // Encrypts the signing keys' private halves in the identity schema (AES-256-GCM).
  IDENTITY_KEY_ENCRYPTION_KEY: z
    .string({ error: 'is required: 32 random bytes as 64 hex digits (openssl rand -hex 32)' })
    .refine((value) => parseKeyEncryptionKey(value) !== undefined, {
      message: 'must be 32 bytes as 64 hex digits or as base64 (openssl rand -hex 32)',
    }),
  // The web console: a public client using the authorization code flow with PKCE.
  CONSOLE_CLIENT_ID: z.string().min(1).default('console'),
  CONSOLE_REDIRECT_URIS: z
    .string()
    .default('http://localhost:3000/auth/callback,http://127.0.0.1:3000/auth/callback')
    .transform((value) => value.split(',').map((uri) => uri.trim())),
  // Lifetimes (seconds): short access tokens, longer refresh tokens for the console.
  USER_ACCESS_TOKEN_TTL_SECONDS: positiveInt(15 * 60),
  MACHINE_ACCESS_TOKEN_TTL_SECONDS: positiveInt(5 * 60),
  REFRESH_TOKEN_TTL_SECONDS: positiveInt(14 * 24 * 3600),
  SESSION_TTL_SECONDS: positiveInt(14 * 24 * 3600),
  INVITATION_TTL_HOURS: positiveInt(72),
  PASSWORD_RESET_TTL_MINUTES: positiveInt(60),
  // Sign-in throttling: after this many failures within the window, sign-in is locked for a while,
  // doubling with each further failure up to the maximum.
  SIGN_IN_MAX_FAILURES_PER_EMAIL: positiveInt(5),
  SIGN_IN_MAX_FAILURES_PER_IP: positiveInt(50),
  SIGN_IN_FAILURE_WINDOW_SECONDS: positiveInt(15 * 60),
  SIGN_IN_LOCK_SECONDS: positiveInt(60),
  SIGN_IN_MAX_LOCK_SECONDS: positiveInt(15 * 60),
  // How often a replica looks for keys rotated by another replica.
  SIGNING_KEY_REFRESH_MS: positiveInt(30_000),
});

type ParsedConfig = z.infer<typeof identityConfigSchema>;

export type IdentityConfig = Omit<ParsedConfig, 'IDENTITY_PUBLIC_URL' | 'AUTH_ISSUER_URL'> & {
  IDENTITY_PUBLIC_URL: string;
  // Identity's own issuer identifier, the value the other services are configured with.
  AUTH_ISSUER_URL: string;
  // Derived: the OpenID issuer identifier.
  issuer: string;
};

export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

const LOCAL_IDENTITY_DEFAULTS = {
  IDENTITY_COOKIE_KEYS: LOCAL_COOKIE_KEYS,
  IDENTITY_KEY_ENCRYPTION_KEY: LOCAL_KEY_ENCRYPTION_KEY,
};

export function loadIdentityConfig(env: Record<string, string | undefined>): IdentityConfig {
  const production = env.NODE_ENV === 'production';
  const withDefaults = production ? env : { ...LOCAL_IDENTITY_DEFAULTS, ...withLocalDefaults(env) };
  const parsed = parseIdentityConfig(withDefaults);
  const problems = [...crossSettingProblems(parsed), ...(production ? productionProblems(parsed) : [])];
  if (problems.length > 0) {
    throw new ConfigError('identity', problems);
  }
  const publicUrl = (parsed.IDENTITY_PUBLIC_URL ?? `http://127.0.0.1:${parsed.PORT}`).replace(/\/+$/, '');
  return { ...parsed, IDENTITY_PUBLIC_URL: publicUrl, AUTH_ISSUER_URL: publicUrl, issuer: publicUrl };
}

// The shared loader quotes a bad value back; identity's settings are secrets, so its messages name
// the setting and the rule only.
function parseIdentityConfig(env: Record<string, string | undefined>): ParsedConfig {
  const result = identityConfigSchema.safeParse(env);
  if (result.success) {
    return result.data;
  }
  throw new ConfigError(
    'identity',
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

// Rules that apply only in production: no published value and nothing left to a local default.
export function productionProblems(config: ParsedConfig): string[] {
  const problems: string[] = [];
  if (config.IDENTITY_PUBLIC_URL === undefined) {
    problems.push('IDENTITY_PUBLIC_URL: is required in production');
  }
  if (config.IDENTITY_COOKIE_KEYS.some(isSampleSecret)) {
    problems.push('IDENTITY_COOKIE_KEYS: a published sample value is not allowed in production');
  }
  if (parseKeyEncryptionKey(config.IDENTITY_KEY_ENCRYPTION_KEY)?.equals(LOCAL_KEY_ENCRYPTION_BYTES)) {
    problems.push('IDENTITY_KEY_ENCRYPTION_KEY: the published local value is not allowed in production');
  }
  return problems;
}

const LOCAL_KEY_ENCRYPTION_BYTES = Buffer.from(LOCAL_KEY_ENCRYPTION_KEY, 'hex');

export function isSampleSecret(value: string): boolean {
  const lower = value.toLowerCase();
  return value === LOCAL_COOKIE_KEYS || SAMPLE_MARKERS.some((marker) => lower.includes(marker));
}

// The only place identity reads its environment.
export function readIdentityConfig(env: Record<string, string | undefined> = process.env): IdentityConfig {
  try {
    return loadIdentityConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
