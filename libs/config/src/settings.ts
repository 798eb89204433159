import { z } from 'zod';

const isProduction = (env: Record<string, string | undefined>): boolean => env.NODE_ENV === 'production';

// 0 lets the operating system pick a free port (tests).
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => ['true', '1', 'yes'].includes(value));

export const urlSetting = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(':', ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(', ')})` },
  );

export const brokerList = z
  .string()
  .min(1)
  .transform((value) => value.split(',').map((broker) => broker.trim()))
  .refine((brokers) => brokers.every((broker) => /^[\w.-]+:\d+$/.test(broker)), {
    message: 'must be a comma-separated list of host:port',
  });

// Local runs get working defaults; in production these settings must be given explicitly.
export const LOCAL_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:54329/sms',
  KAFKA_BROKERS: '127.0.0.1:19092',
  // Where apps/identity listens locally; production names its issuer explicitly.
  AUTH_ISSUER_URL: 'http://127.0.0.1:3004',
  SMTP_URL: 'smtp://127.0.0.1:1025',
} as const;

export function withLocalDefaults(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return isProduction(env) ? env : { ...LOCAL_DEFAULTS, ...dropEmpty(env) };
}

function dropEmpty(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}

// Who the services trust for bearer tokens: any OpenID provider (apps/identity by default) whose
// discovery document names its JWKS. Claim names are settings because providers differ in where
// they can put the account and the role.
export const authSettings = {
  AUTH_ISSUER_URL: urlSetting(['http', 'https']),
  AUTH_AUDIENCE: z.string().min(1).default('sms-credits'),
  AUTH_ACCOUNT_CLAIM: z.string().min(1).default('accountId'),
  AUTH_ROLE_CLAIM: z.string().min(1).default('role'),
  AUTH_JWKS_URL: urlSetting(['http', 'https']).optional(),
};

// The settings every app shares: its HTTP port, its database, Kafka, auth and logging.
export const commonSettings = (defaults: { port: number; clientId: string }) => ({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port(defaults.port),
  DATABASE_URL: urlSetting(['postgres', 'postgresql']),
  DATABASE_POOL_SIZE: positiveInt(10),
  KAFKA_BROKERS: brokerList,
  KAFKA_CLIENT_ID: z.string().min(1).default(defaults.clientId),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/, 'may contain only letters, digits, dots, dashes and underscores')
    .default(''),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).default(30_000),
  ...authSettings,
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
});
