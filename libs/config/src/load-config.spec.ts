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

  it('names a malformed setting with its value', () => {
    expect(() => loadConfig('ledger', schema, withLocalDefaults({ KAFKA_BROKERS: 'localhost' }))).toThrow(
      /KAFKA_BROKERS="localhost": must be a comma-separated list of host:port/,
    );
  });
});
