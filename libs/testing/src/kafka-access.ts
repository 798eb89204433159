import { grantKafkaAccess, KAFKA_ADMIN, saslFor, type KafkaSasl } from '@sms/infra';
import { uniqueName } from './isolation';
import { testInfrastructure } from './test-infrastructure';

// The test broker runs with SASL and ACLs like production. Test code reads and writes raw events as
// the admin; services connect as their own principal, with the grants of their topic prefix.

export function testKafkaSasl(principal: string = KAFKA_ADMIN): KafkaSasl {
  return saslFor(testInfrastructure().kafkaCredentials, principal);
}

/**
 * A topic prefix of the test file's own, with every principal's grants under it (ACLs name whole
 * topics, prefix included, so each prefix is granted when it is made).
 */
export async function createTestTopicPrefix(label: string): Promise<string> {
  const topicPrefix = `${uniqueName(label)}.`;
  const { kafkaBrokers, kafkaCredentials } = testInfrastructure();
  await grantKafkaAccess({ brokers: kafkaBrokers, credentials: kafkaCredentials, topicPrefix });
  return topicPrefix;
}
