import { z } from 'zod';
import { kafkaClientSettings, loadConfig, withLocalDefaults } from '@sms/config';
import { kafkaClientSecurity, type KafkaClientSecurity } from '@sms/messaging';
import { localKafkaCredentials, saslFor } from '@sms/infra';

export interface ToolKafkaConfig {
  brokers: string[];
  topicPrefix: string;
  security: KafkaClientSecurity;
}

const schema = z.object(kafkaClientSettings());

/**
 * How a command-line tool connects to Kafka: KAFKA_BROKERS, KAFKA_TOPIC_PREFIX and KAFKA_SASL_* /
 * KAFKA_SSL as the services read them; without KAFKA_SASL_MECHANISM, as `principal` of the local
 * broker (`npm run infra`), whose generated credentials are in its data directory.
 */
export async function toolKafkaConfig(options: {
  tool: string;
  principal: string;
  env?: NodeJS.ProcessEnv;
}): Promise<ToolKafkaConfig> {
  const env = options.env ?? process.env;
  const config = loadConfig(options.tool, schema, withLocalDefaults(env));
  let security = kafkaClientSecurity(config);
  if (!env.KAFKA_SASL_MECHANISM) {
    const local = await localKafkaCredentials(env);
    if (local !== undefined) {
      security = { ...security, sasl: saslFor(local, options.principal) };
    }
  }
  return { brokers: config.KAFKA_BROKERS, topicPrefix: config.KAFKA_TOPIC_PREFIX, security };
}
