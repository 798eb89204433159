import { existsSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_SMS_SENT_PARTITIONS, DEFAULT_TOPIC_PARTITIONS } from '@sms/contracts';

const isProduction = (env: Record<string, string | undefined>): boolean => env.NODE_ENV === 'production';

// 0 lets the operating system pick a free port (tests).
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// Kafka accepts many more, but every partition costs the broker files and the consumers fetches.
const partitionCount = (fallback: number) => z.coerce.number().int().min(1).max(1000).default(fallback);

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
  KAFKA_SASL_MECHANISM: 'none',
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

export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512', 'plain', 'none'] as const;

// How a process authenticates to Kafka. `none` is for a broker without SASL and is refused in
// production; PLAIN sends the password itself, so production allows it only over TLS.
export const kafkaSecuritySettings = () => ({
  KAFKA_SASL_MECHANISM: z.enum(KAFKA_SASL_MECHANISMS, {
    error: `must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`,
  }),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  KAFKA_SSL: booleanFlag(false),
  // PEM file of the CA that signed the brokers' certificates, when it is not a public one.
  KAFKA_SSL_CA_FILE: z
    .string()
    .min(1)
    .refine((path) => existsSync(path), { message: 'file not found' })
    .optional(),
});

// What a Kafka client needs: the brokers, the topic prefix and how to authenticate (tools use this).
export const kafkaClientSettings = () => ({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  KAFKA_BROKERS: brokerList,
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/, 'may contain only letters, digits, dots, dashes and underscores')
    .default(''),
  ...kafkaSecuritySettings(),
});

type KafkaSecurity = {
  NODE_ENV?: string;
  KAFKA_SESSION_TIMEOUT_MS?: number;
  KAFKA_HEARTBEAT_INTERVAL_MS?: number;
  KAFKA_MAX_BYTES?: number;
  KAFKA_MAX_BYTES_PER_PARTITION?: number;
  OPS_TOKEN?: string;
  OPS_PORT?: number;
  OPS_HOST?: string;
  KAFKA_SASL_MECHANISM?: (typeof KAFKA_SASL_MECHANISMS)[number];
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_SSL?: boolean;
  KAFKA_SSL_CA_FILE?: string;
};

// Rules across settings, checked after each setting is valid on its own. Messages name settings only:
// these ones hold secrets.
export function crossSettingProblems(config: KafkaSecurity): string[] {
  return [...opsExposureProblems(config), ...kafkaSecurityProblems(config), ...kafkaConsumerProblems(config)];
}

// Kafka's rule: heartbeats no further apart than a third of the session timeout, so one lost heartbeat
// does not cost the consumer its partitions. A fetch's total limit below one partition's share would
// make the per-partition limit meaningless.
function kafkaConsumerProblems(config: KafkaSecurity): string[] {
  const problems: string[] = [];
  const session = config.KAFKA_SESSION_TIMEOUT_MS;
  const heartbeat = config.KAFKA_HEARTBEAT_INTERVAL_MS;
  if (session !== undefined && heartbeat !== undefined && heartbeat * 3 > session) {
    problems.push(
      `KAFKA_HEARTBEAT_INTERVAL_MS: must be at most a third of KAFKA_SESSION_TIMEOUT_MS (${Math.floor(session / 3)} ms)`,
    );
  }
  const total = config.KAFKA_MAX_BYTES;
  const perPartition = config.KAFKA_MAX_BYTES_PER_PARTITION;
  if (total !== undefined && perPartition !== undefined && perPartition > total) {
    problems.push('KAFKA_MAX_BYTES_PER_PARTITION: must not exceed KAFKA_MAX_BYTES');
  }
  return problems;
}

// A service with the operations settings (OPS_HOST always has a value there; tools and the console
// have none) serves /metrics and /docs, which tell an attacker the routes, the consumer groups and the
// load: production keeps them on an internal port or behind a token.
function opsExposureProblems(config: KafkaSecurity): string[] {
  if (config.NODE_ENV !== 'production' || config.OPS_HOST === undefined) {
    return [];
  }
  return config.OPS_TOKEN === undefined && config.OPS_PORT === undefined
    ? [
        'OPS_TOKEN or OPS_PORT: production needs one of them, or /metrics and /docs are open to anyone who reaches PORT (set OPS_PORT to an internal port, or OPS_TOKEN to a bearer token of 16+ characters)',
      ]
    : [];
}

function kafkaSecurityProblems(config: KafkaSecurity): string[] {
  if (config.KAFKA_SASL_MECHANISM === undefined) {
    return [];
  }
  const problems: string[] = [];
  const production = config.NODE_ENV === 'production';
  const mechanism = config.KAFKA_SASL_MECHANISM;
  if (mechanism === 'none') {
    if (production) {
      problems.push(
        'KAFKA_SASL_MECHANISM: is none; production needs scram-sha-512, scram-sha-256 or plain with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
      );
    }
  } else {
    for (const setting of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (config[setting] === undefined) {
        problems.push(`${setting}: required when KAFKA_SASL_MECHANISM is ${mechanism}`);
      }
    }
  }
  if (production && mechanism === 'plain' && !config.KAFKA_SSL) {
    problems.push('KAFKA_SASL_MECHANISM: plain sends the password in clear; production needs KAFKA_SSL=true');
  }
  if (config.KAFKA_SSL_CA_FILE !== undefined && !config.KAFKA_SSL) {
    problems.push('KAFKA_SSL_CA_FILE: only used with KAFKA_SSL=true');
  }
  return problems;
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

// How the app's Kafka consumers fetch and stay in their groups; the defaults are the values the
// platform was measured with. The broker bounds the session timeout (group.min/max.session.timeout.ms).
export const kafkaConsumerSettings = () => ({
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).default(30_000),
  // A tenth of the session timeout when not given.
  KAFKA_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).max(100_000).optional(),
  // An idle consumer fetches at least this often: the longest an event waits on an idle topic.
  KAFKA_MAX_WAIT_TIME_MS: z.coerce.number().int().min(1).max(5_000).default(100),
  KAFKA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  KAFKA_MAX_BYTES_PER_PARTITION: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(4 * 1024 * 1024),
});

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
  ...kafkaConsumerSettings(),
  // Partitions of the topics this app creates when they are missing (see libs/contracts
  // topic-partitions): the most replicas of one consumer group that can share a topic's work.
  KAFKA_SMS_SENT_PARTITIONS: partitionCount(DEFAULT_SMS_SENT_PARTITIONS),
  KAFKA_TOPIC_PARTITIONS: partitionCount(DEFAULT_TOPIC_PARTITIONS),
  ...kafkaSecuritySettings(),
  ...authSettings,
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  // Lets operators run jobs "as of" another moment (asOf); for tests only, refused in production.
  TIME_TRAVEL_ENABLED: booleanFlag(false),
  // Requests allowed per window: per client address, per token subject, per subject on an expensive
  // route (exports, aggregates, PDFs, quotes) and per address on a sign-in route. Counted per replica.
  RATE_LIMIT_WINDOW_MS: positiveInt(60_000),
  RATE_LIMIT_PER_IP: positiveInt(3_000),
  RATE_LIMIT_PER_SUBJECT: positiveInt(1_200),
  RATE_LIMIT_EXPENSIVE_PER_SUBJECT: positiveInt(20),
  RATE_LIMIT_SIGN_IN_PER_IP: positiveInt(10),
  // /metrics, /docs and readiness detail: behind this bearer token when set (otherwise open to all),
  // and moved to their own internal port (not /docs and /metrics on PORT) when OPS_PORT is set.
  OPS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  OPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  OPS_HOST: z.string().min(1).default('0.0.0.0'),
  // Proxies in front of the service whose X-Forwarded-For is trusted for the client address (0: none).
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});
