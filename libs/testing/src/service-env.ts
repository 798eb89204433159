import { kafkaEnvFor } from '@sms/infra';
import { testInfrastructure } from './test-infrastructure';
import type { TestIssuer } from './test-issuer';

// Environment for booting a service against the test servers, isolated by its own database and
// topic prefix (from createTestTopicPrefix), trusting the test's own token issuer and connecting to
// Kafka as the service's own principal.
export function serviceTestEnv(options: {
  databaseUrl: string;
  topicPrefix: string;
  issuer: TestIssuer;
  // The Kafka principal: the service's name (ledger, billing, notifier, identity).
  service: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    ...kafkaEnvFor(testInfrastructure().kafkaCredentials, options.service),
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
