import { randomBytes } from 'node:crypto';
import { ConfigError } from '@sms/config';
import { loadIdentityConfig, LOCAL_KEY_ENCRYPTION_KEY } from './identity.config';

const production = (extra: Record<string, string>) => ({
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://identity@db.internal/sms',
  KAFKA_BROKERS: 'kafka-1.internal:9093',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'identity',
  KAFKA_SASL_PASSWORD: 'a-kafka-password',
  KAFKA_SSL: 'true',
  OPS_PORT: '9464',
  IDENTITY_PUBLIC_URL: 'https://id.sms.example',
  IDENTITY_COOKIE_KEYS: randomBytes(32).toString('hex'),
  ...extra,
});

const problemsOf = (env: Record<string, string>): string => {
  try {
    loadIdentityConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  return '';
};

describe('identity configuration', () => {
  it('needs a key-encryption key in production, naming the setting', () => {
    expect(problemsOf(production({}))).toMatch(/IDENTITY_KEY_ENCRYPTION_KEY: is required/);
  });

  it('refuses the published local key-encryption key in production without printing it', () => {
    const message = problemsOf(production({ IDENTITY_KEY_ENCRYPTION_KEY: LOCAL_KEY_ENCRYPTION_KEY }));
    expect(message).toContain(
      'IDENTITY_KEY_ENCRYPTION_KEY: the published local value is not allowed in production',
    );
    expect(message).not.toContain(LOCAL_KEY_ENCRYPTION_KEY);
  });

  it('refuses a key-encryption key that is not 32 bytes, without printing it', () => {
    const message = problemsOf(production({ IDENTITY_KEY_ENCRYPTION_KEY: 'too-short-a-secret' }));
    expect(message).toMatch(/IDENTITY_KEY_ENCRYPTION_KEY: must be 32 bytes/);
    expect(message).not.toContain('too-short-a-secret');
  });

  it('starts in production with a key of its own, and locally with the local one', () => {
    const key = randomBytes(32).toString('base64');
    expect(
      loadIdentityConfig(production({ IDENTITY_KEY_ENCRYPTION_KEY: key })).IDENTITY_KEY_ENCRYPTION_KEY,
    ).toBe(key);
    expect(loadIdentityConfig({}).IDENTITY_KEY_ENCRYPTION_KEY).toBe(LOCAL_KEY_ENCRYPTION_KEY);
  });
});
