import type { Role } from '@sms/auth';
import type { TokenFor } from '@sms/testing';
import { kafkaEnvFor, type KafkaCredentials } from '../infra';
import { ApiClient } from './api-client';
import { AppName, AppProcess } from './app-process';

// The issuer the apps trust: the settings that point them at it and, for a test issuer that signs in
// process, tokens on the spot. The platform's identity service issues its tokens over HTTP instead.
export interface TrustedIssuer {
  env(): Record<string, string>;
  token?(claims: TokenFor): string;
}

export const APP_NAMES: readonly AppName[] = ['ledger', 'billing', 'notifier'];

export interface PlatformOptions {
  kafkaBrokers: string;
  // Each app connects as its own principal; absent for a broker without SASL.
  kafkaCredentials?: KafkaCredentials;
  databaseUrls: Record<AppName, string>;
  topicPrefix: string;
  smtpUrl: string;
  // The issuer the apps trust; tokens for the story and the tests are signed by it.
  issuer: TrustedIssuer;
  ports: Record<AppName, number>;
  // Settings for one app on top of the shared ones (intervals, log level...).
  extraEnv?: Partial<Record<AppName, Record<string, string>>>;
  compiled?: boolean;
  onLine?: (app: AppName, line: string) => void;
}

// The three apps as separate processes sharing one Kafka (under one topic prefix) and one SMTP
// server, each with a database of its own: what the end-to-end tests, the fault tests and the demo
// run against.
export class Platform {
  private constructor(
    readonly options: PlatformOptions,
    private readonly apps: Record<AppName, AppProcess>,
  ) {}

  static async start(options: PlatformOptions): Promise<Platform> {
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
            ...options.issuer.env(),
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
    const platform = new Platform(options, apps);
    try {
      for (const app of Object.values(apps)) {
        app.start();
      }
      await Promise.all(Object.values(apps).map((app) => app.waitUntilReady()));
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  app(name: AppName): AppProcess {
    return this.apps[name];
  }

  token(accountId: string, role: Role = 'owner', subject = `${role}@${accountId}.example`): string {
    const { issuer } = this.options;
    if (issuer.token === undefined) {
      throw new Error('this issuer does not sign tokens in process: ask it over HTTP');
    }
    return issuer.token({ subject, accountId, role, expiresInSeconds: 12 * 3600 });
  }

  operatorToken(): string {
    return this.token('platform', 'operator', 'ops@platform.example');
  }

  // An API client for one app, acting as the account's owner unless another token is given.
  api(name: AppName, token: string): ApiClient {
    return new ApiClient(this.apps[name].url, token);
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.apps).map((app) => app.stop()));
  }
}
