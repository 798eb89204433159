import { z } from 'zod';
import { booleanFlag, loadConfigOrExit, port, positiveInt, urlSetting, withLocalDefaults } from '@sms/config';

const LOCAL_SERVICE_URLS = {
  LEDGER_URL: 'http://127.0.0.1:3001',
  BILLING_URL: 'http://127.0.0.1:3002',
  NOTIFIER_URL: 'http://127.0.0.1:3003',
  IDENTITY_URL: 'http://127.0.0.1:3004',
  CONSOLE_PUBLIC_URL: 'http://127.0.0.1:3000',
} as const;

export const consoleConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port(3000),
    DATABASE_URL: urlSetting(['postgres', 'postgresql']),
    DATABASE_POOL_SIZE: positiveInt(5),
    // Where people reach the console; the OpenID Connect redirect URI and the cookie's Secure flag
    // follow from it.
    CONSOLE_PUBLIC_URL: urlSetting(['http', 'https']),
    LEDGER_URL: urlSetting(['http', 'https']),
    BILLING_URL: urlSetting(['http', 'https']),
    NOTIFIER_URL: urlSetting(['http', 'https']),
    // The platform's identity service, for the Team page (members, invitations, machine clients).
    // Empty with an external provider that manages people itself: the Team page then says so.
    IDENTITY_URL: urlSetting(['http', 'https']).optional(),
    // The OpenID Provider people sign in at (the platform's identity service or an external one).
    AUTH_ISSUER_URL: urlSetting(['http', 'https']),
    AUTH_CLIENT_ID: z.string().min(1).default('console'),
    // Empty: a public client that proves possession with PKCE alone.
    AUTH_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_SCOPES: z.string().min(1).default('openid profile email offline_access'),
    SESSION_TTL_HOURS: positiveInt(12),
    // Where the page loads Stripe.js from, only when billing says Stripe card entry is on (Stripe
    // asks that it is always loaded from Stripe; a mirror is for networks that cannot reach it).
    CONSOLE_STRIPE_JS_URL: urlSetting(['https', 'http']).default('https://js.stripe.com/v3'),
    // Local development only: sign in as any account and role with a token from the local
    // development issuer (its /dev/token endpoint), for when no real sign-in runs. Refused in production.
    CONSOLE_DEV_SIGN_IN: booleanFlag(false),
    // The built single-page app; empty serves it from the build output next to this app.
    CONSOLE_WEB_DIR: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  })
  .superRefine((config, context) => {
    if (config.CONSOLE_DEV_SIGN_IN && config.NODE_ENV === 'production') {
      context.addIssue({
        code: 'custom',
        path: ['CONSOLE_DEV_SIGN_IN'],
        message: 'must be off in production',
      });
    }
    if (!config.CONSOLE_DEV_SIGN_IN && config.AUTH_ISSUER_URL === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['AUTH_ISSUER_URL'],
        message: 'is needed to sign people in (or set CONSOLE_DEV_SIGN_IN=true for local development)',
      });
    }
  });

export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;

export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');

// The only place the console reads its environment.
export function readConsoleConfig(env: Record<string, string | undefined> = process.env): ConsoleConfig {
  const withDefaults = withLocalDefaults(env);
  const local = env.NODE_ENV === 'production' ? {} : LOCAL_SERVICE_URLS;
  return loadConfigOrExit('console', consoleConfigSchema, { ...local, ...withDefaults });
}
