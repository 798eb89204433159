import { testInfrastructure } from './test-infrastructure';
import type { TestIssuer } from './test-issuer';

// Environment for booting a service against the test servers, isolated by its own database and
// topic prefix, trusting the test's own token issuer.
export function serviceTestEnv(options: {
  databaseUrl: string;
  topicPrefix: string;
  issuer: TestIssuer;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: testInfrastructure().kafkaBrokers,
    KAFKA_TOPIC_PREFIX: options.topicPrefix,
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    ...options.issuer.env(),
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'text',
    ...options.extra,
  };
}
