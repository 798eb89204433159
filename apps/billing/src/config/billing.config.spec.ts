import { ConfigError, loadConfig, withLocalDefaults } from '@sms/config';
import { billingConfigSchema } from './billing.config';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://billing@db.internal:5432/sms',
  KAFKA_BROKERS: 'kafka-1.internal:9092',
  AUTH_ISSUER_URL: 'https://id.example.com',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'billing',
  KAFKA_SASL_PASSWORD: 'a-kafka-password',
  KAFKA_SSL: 'true',
  OPS_PORT: '9464',
};

const load = (env: Record<string, string>) =>
  loadConfig('billing', billingConfigSchema, withLocalDefaults(env));

describe('billing configuration', () => {
  it('keeps the payment simulator off unless it is enabled', () => {
    expect(load({}).PAYMENT_SIMULATOR_ENABLED).toBe(false);
    expect(load({ PAYMENT_SIMULATOR_ENABLED: 'true' }).PAYMENT_SIMULATOR_ENABLED).toBe(true);
  });

  it('refuses to start in production with the payment simulator enabled, naming the setting', () => {
    expect(load(production).PAYMENT_SIMULATOR_ENABLED).toBe(false);
    expect(() => load({ ...production, PAYMENT_SIMULATOR_ENABLED: 'true' })).toThrow(ConfigError);
    expect(() => load({ ...production, PAYMENT_SIMULATOR_ENABLED: 'true' })).toThrow(
      /PAYMENT_SIMULATOR_ENABLED: must be off in production/,
    );
  });
});
