import type { Role } from '@sms/auth';
import type { TokenFor } from '@sms/testing';
import { kafkaEnvFor, type KafkaCredentials } from '@sms/infra';
import { ApiClient } from './api-client';
import { AppName, AppProcess } from './app-process';
import { CONSOLE_REDIRECT } from '../../apps/identity/test/browser';

// The issuer the apps trust: the settings that point them at it and, for a test issuer that signs in
// process, tokens on the spot. The platform's identity service issues its tokens over HTTP instead.
export interface TrustedIssuer {
  env(): Record<string, string>;
  token?(claims: TokenFor): string;
}

export const APP_NAMES: readonly AppName[] = ['ledger', 'billing', 'notifier'];
// Generous: identity and three apps compile on the fly at once, on machines that may be busy.
const READY_TIMEOUT_MS = 300_000;

export interface PlatformOptions {
  kafkaBrokers: string;
  // Each app connects as its own principal; absent for a broker without SASL.
  kafkaCredentials?: KafkaCredentials;
  databaseUrls: Record<AppName, string>;
  topicPrefix: string;
  smtpUrl: string;
  // The issuer the apps trust: one that points the apps at itself (a test issuer signs whatever a test
  // asks for), or the platform's identity service, run as a process beside the apps with a database
  // of its own.
  issuer: TrustedIssuer | { identity: { databaseUrl: string; port: number } };
  ports: Record<AppName, number>;
  // Settings for one app on top of the shared ones (intervals, log level...).
  extraEnv?: Partial<Record<AppName, Record<string, string>>>;
  compiled?: boolean;
  // How long each app may take to answer /health/ready (default 120 s; a busy machine needs more).
  readyTimeoutMs?: number;
  onLine?: (app: AppName, line: string) => void;
}

// The three apps as separate processes sharing one Kafka (under one topic prefix) and one SMTP
// server, each with a database of its own: what the end-to-end tests, the fault tests and the demo
// run against.
export class Platform {
  private constructor(
    readonly options: PlatformOptions,
    private readonly apps: Record<AppName, AppProcess>,
    private readonly identity: AppProcess<'identity'> | undefined,
  ) {}

  static async start(options: PlatformOptions): Promise<Platform> {
    const identity =
      'identity' in options.issuer ? identityProcess(options, options.issuer.identity) : undefined;
    if (identity !== undefined) {
      identity.start();
      try {
        await identity.waitUntilReady(READY_TIMEOUT_MS);
      } catch (error) {
        await identity.stop();
        throw error;
      }
    }
    const issuerEnv =
      identity !== undefined ? { AUTH_ISSUER_URL: identity.url } : (options.issuer as TrustedIssuer).env();
    const apps = Object.fromEntries(
      APP_NAMES.map((name) => [
        name,
        new AppProcess(
          name,
          options.ports[name],
          {
            NODE_ENV: 'development',
            DATABASE_URL: options.databaseUrls[name],
            KAFKA_BROKERS: options.kafkaBrokers,
            ...(options.kafkaCredentials && kafkaEnvFor(options.kafkaCredentials, name)),
            KAFKA_TOPIC_PREFIX: options.topicPrefix,
            KAFKA_SESSION_TIMEOUT_MS: '6000',
            ...issuerEnv,
            SMTP_URL: options.smtpUrl,
            LOG_LEVEL: 'warn',
            LOG_FORMAT: 'json',
            // The story pays with the simulator's test cards; billing reads this, the others ignore it.
            PAYMENT_SIMULATOR_ENABLED: 'true',
            // Every client of this run shares one address and polls the usage totals: room above the defaults.
            RATE_LIMIT_PER_IP: '1000000',
            RATE_LIMIT_PER_SUBJECT: '1000000',
            RATE_LIMIT_EXPENSIVE_PER_SUBJECT: '100000',
            ...options.extraEnv?.[name],
          },
          { compiled: options.compiled, onLine: options.onLine },
        ),
      ]),
    ) as Record<AppName, AppProcess>;
    const platform = new Platform(options, apps, identity);
    try {
      for (const app of Object.values(apps)) {
        app.start();
      }
      await Promise.all(
        Object.values(apps).map((app) => app.waitUntilReady(options.readyTimeoutMs ?? READY_TIMEOUT_MS)),
      );
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  app(name: AppName): AppProcess {
    return this.apps[name];
  }

  // The identity service's address, when the apps trust it.
  get identityUrl(): string {
    if (this.identity === undefined) {
      throw new Error('this platform trusts a test issuer, not the identity service');
    }
    return this.identity.url;
  }

  // A token from the test issuer; a platform that trusts the identity service gets its tokens there.
  token(accountId: string, role: Role = 'owner', subject = `${role}@${accountId}.example`): string {
    const { issuer } = this.options;
    if ('identity' in issuer) {
      throw new Error('this platform trusts the identity service: sign in there for tokens');
    }
    if (issuer.token === undefined) {
      throw new Error('this issuer does not sign tokens in process: ask it over HTTP');
    }
    return issuer.token({ subject, accountId, role, expiresInSeconds: 12 * 3600 });
  }

  operatorToken(): string {
    return this.token('platform', 'operator', 'ops@platform.example');
  }

  // An API client for one app, acting with the given token (or where to get a current one).
  api(name: AppName, token: string | (() => Promise<string>)): ApiClient {
    return new ApiClient(this.apps[name].url, token);
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.apps).map((app) => app.stop()));
    await this.identity?.stop();
  }
}

// Identity in development mode: its development-only token route exists, which is how the first
// operator of a fresh installation is created (as `npm run stack` does); everyone else signs in.
function identityProcess(
  options: PlatformOptions,
  identity: { databaseUrl: string; port: number },
): AppProcess<'identity'> {
  const url = `http://127.0.0.1:${identity.port}`;
  return new AppProcess(
    'identity',
    identity.port,
    {
      NODE_ENV: 'development',
      DATABASE_URL: identity.databaseUrl,
      KAFKA_BROKERS: options.kafkaBrokers,
      ...(options.kafkaCredentials && kafkaEnvFor(options.kafkaCredentials, 'identity')),
      KAFKA_TOPIC_PREFIX: options.topicPrefix,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      IDENTITY_PUBLIC_URL: url,
      CONSOLE_REDIRECT_URIS: CONSOLE_REDIRECT,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    },
    { compiled: options.compiled },
  );
}
