import { z } from 'zod';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { commonSettings, kafkaClientSettings, port, withLocalDefaults } from './settings';

const schema = z.object(commonSettings({ port: 3001, clientId: 'ledger' }));

describe(loadConfig.name, () => {
  it('fills local defaults outside production', () => {
    const config = loadConfig('ledger', schema, withLocalDefaults({}));
    expect(config.PORT).toBe(3001);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:19092']);
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\//);
  });

  it('names every missing setting in production', () => {
    expect(() => loadConfig('ledger', schema, withLocalDefaults({ NODE_ENV: 'production' }))).toThrow(
      ConfigError,
    );
    try {
      loadConfig('ledger', schema, withLocalDefaults({ NODE_ENV: 'production' }));
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('Invalid configuration for ledger');
      expect(message).toMatch(/DATABASE_URL: /);
      expect(message).toMatch(/KAFKA_BROKERS: /);
      expect(message).toMatch(/AUTH_ISSUER_URL: /);
    }
  });

  it('refuses time travel in production even when every other setting is valid', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db.internal/sms',
      KAFKA_BROKERS: 'kafka.internal:9092',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'ledger',
      KAFKA_SASL_PASSWORD: 'a-kafka-password',
      KAFKA_SSL: 'true',
      AUTH_ISSUER_URL: 'https://id.example.com',
      OPS_PORT: '9464',
    };
    expect(() => loadConfig('ledger', schema, { ...env, TIME_TRAVEL_ENABLED: 'true' })).toThrow(
      /TIME_TRAVEL_ENABLED: .*refused in production/,
    );
    expect(loadConfig('ledger', schema, { ...env, TIME_TRAVEL_ENABLED: 'false' }).TIME_TRAVEL_ENABLED).toBe(
      false,
    );
  });

  it('keeps time travel off unless it is switched on', () => {
    expect(loadConfig('ledger', schema, withLocalDefaults({})).TIME_TRAVEL_ENABLED).toBe(false);
    expect(
      loadConfig('ledger', schema, withLocalDefaults({ TIME_TRAVEL_ENABLED: 'true' })).TIME_TRAVEL_ENABLED,
    ).toBe(true);
  });

  it('names a malformed setting without echoing its value', () => {
    const env = withLocalDefaults({
      KAFKA_BROKERS: 'localhost',
      DATABASE_URL: 'mysql://app:s3cret-pw@db/sms',
    });
    expect(() => loadConfig('ledger', schema, env)).toThrow(
      /KAFKA_BROKERS: must be a comma-separated list of host:port/,
    );
    try {
      loadConfig('ledger', schema, env);
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toMatch(/DATABASE_URL: must be a URL/);
      expect(message).not.toContain('localhost');
      expect(message).not.toContain('s3cret-pw');
    }
  });

  it('trusts the local identity service outside production, with the platform audience and claims', () => {
    const config = loadConfig('ledger', schema, withLocalDefaults({}));
    expect(config).toMatchObject({
      AUTH_ISSUER_URL: 'http://127.0.0.1:3004',
      AUTH_AUDIENCE: 'sms-credits',
      AUTH_ACCOUNT_CLAIM: 'accountId',
      AUTH_ROLE_CLAIM: 'role',
    });
    expect(config.AUTH_JWKS_URL).toBeUndefined();
  });

  it('requires AUTH_ISSUER_URL in production and accepts an external provider with its claim names', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/sms',
      KAFKA_BROKERS: 'kafka:9092',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'ledger',
      KAFKA_SASL_PASSWORD: 'pw-from-the-vault',
      OPS_TOKEN: 'an-ops-token-from-the-vault',
    };
    expect(() => loadConfig('ledger', schema, withLocalDefaults(production))).toThrow(/AUTH_ISSUER_URL: /);
    const config = loadConfig(
      'ledger',
      schema,
      withLocalDefaults({
        ...production,
        AUTH_ISSUER_URL: 'https://sso.example.com/realms/sms',
        AUTH_AUDIENCE: 'sms-api',
        AUTH_ACCOUNT_CLAIM: 'sms_account',
        AUTH_ROLE_CLAIM: 'realm_access.roles',
      }),
    );
    expect(config).toMatchObject({
      AUTH_ISSUER_URL: 'https://sso.example.com/realms/sms',
      AUTH_ROLE_CLAIM: 'realm_access.roles',
    });
  });

  describe('Kafka authentication', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db.internal/sms',
      KAFKA_BROKERS: 'kafka-1.internal:9093',
      AUTH_ISSUER_URL: 'https://id.sms.example',
      OPS_PORT: '9464',
    };
    const problemsOf = (env: Record<string, string>): string => {
      try {
        loadConfig('ledger', schema, withLocalDefaults(env));
      } catch (error) {
        return (error as ConfigError).message;
      }
      return '';
    };

    it('refuses to start in production without SASL, naming the setting', () => {
      expect(problemsOf(production)).toMatch(/KAFKA_SASL_MECHANISM: must be one of/);
      expect(problemsOf({ ...production, KAFKA_SASL_MECHANISM: 'none' })).toMatch(
        /KAFKA_SASL_MECHANISM: is none; production needs/,
      );
    });

    it('refuses a mechanism without both credentials', () => {
      const message = problemsOf({ ...production, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SSL: 'true' });
      expect(message).toContain('KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM is scram-sha-512');
      expect(message).toContain('KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is scram-sha-512');
    });

    it('refuses PLAIN without TLS in production', () => {
      expect(
        problemsOf({
          ...production,
          KAFKA_SASL_MECHANISM: 'plain',
          KAFKA_SASL_USERNAME: 'ledger',
          KAFKA_SASL_PASSWORD: 'pw-from-the-vault',
        }),
      ).toMatch(/plain sends the password in clear; production needs KAFKA_SSL=true/);
    });

    it('accepts SCRAM over TLS in production', () => {
      const config = loadConfig(
        'ledger',
        schema,
        withLocalDefaults({
          ...production,
          KAFKA_SASL_MECHANISM: 'scram-sha-512',
          KAFKA_SASL_USERNAME: 'ledger',
          KAFKA_SASL_PASSWORD: 'pw-from-the-vault',
          KAFKA_SSL: 'true',
        }),
      );
      expect(config).toMatchObject({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SSL: true });
    });

    it('never prints the Kafka password', () => {
      const message = problemsOf({
        ...production,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_PASSWORD: 'the-password-itself',
      });
      expect(message).toContain('KAFKA_SASL_USERNAME: required');
      expect(message).not.toContain('the-password-itself');
    });

    it('lets local runs connect without SASL', () => {
      expect(loadConfig('ledger', schema, withLocalDefaults({})).KAFKA_SASL_MECHANISM).toBe('none');
    });
  });

  describe('operations endpoints in production', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db.internal/sms',
      KAFKA_BROKERS: 'kafka-1.internal:9093',
      AUTH_ISSUER_URL: 'https://id.sms.example',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'ledger',
      KAFKA_SASL_PASSWORD: 'pw-from-the-vault',
      KAFKA_SSL: 'true',
    };

    it('refuses to start when neither OPS_TOKEN nor OPS_PORT protects /metrics and /docs', () => {
      expect(() => loadConfig('ledger', schema, production)).toThrow(
        /OPS_TOKEN or OPS_PORT: production needs one of them/,
      );
    });

    it('starts with an internal operations port or with an operations token', () => {
      expect(loadConfig('ledger', schema, { ...production, OPS_PORT: '9464' }).OPS_PORT).toBe(9464);
      const token = 'an-ops-token-from-the-vault';
      expect(loadConfig('ledger', schema, { ...production, OPS_TOKEN: token }).OPS_TOKEN).toBe(token);
    });

    it('leaves development, tools and apps without operations endpoints alone', () => {
      expect(loadConfig('ledger', schema, withLocalDefaults({})).OPS_TOKEN).toBeUndefined();
      const tool = z.object(kafkaClientSettings());
      expect(loadConfig('dlq', tool, production).KAFKA_BROKERS).toEqual(['kafka-1.internal:9093']);
      const web = z.object({ NODE_ENV: z.enum(['development', 'production']), PORT: port(3000) });
      expect(loadConfig('console', web, { NODE_ENV: 'production' }).PORT).toBe(3000);
    });
  });
});
