import { z } from 'zod';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { commonSettings, withLocalDefaults } from './settings';

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
      expect(message).toMatch(/JWT_SECRET: /);
    }
  });

  it('refuses time travel in production even when every other setting is valid', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db.internal/sms',
      KAFKA_BROKERS: 'kafka.internal:9092',
      JWT_SECRET: 'a-production-secret-of-some-length',
    };
    expect(() => loadConfig('ledger', schema, { ...env, TIME_TRAVEL_ENABLED: 'true' })).toThrow(
      /TIME_TRAVEL_ENABLED="true": .*refused in production/,
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

  it('names a malformed setting with its value', () => {
    expect(() => loadConfig('ledger', schema, withLocalDefaults({ KAFKA_BROKERS: 'localhost' }))).toThrow(
      /KAFKA_BROKERS="localhost": must be a comma-separated list of host:port/,
    );
  });
});
