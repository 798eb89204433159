import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

export interface KafkaSecuritySettings {
  KAFKA_SASL_MECHANISM: 'scram-sha-256' | 'scram-sha-512' | 'plain' | 'none';
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_SSL: boolean;
  KAFKA_SSL_CA_FILE?: string;
}

export type KafkaClientSecurity = Pick<KafkaConfig, 'sasl' | 'ssl'>;

// The kafkajs `sasl` and `ssl` options from validated settings (@sms/config checks that a mechanism
// comes with both credentials). TLS verifies the brokers' certificates, against KAFKA_SSL_CA_FILE
// when given, else the system's CAs.
export function kafkaClientSecurity(settings: KafkaSecuritySettings): KafkaClientSecurity {
  const ssl = settings.KAFKA_SSL
    ? settings.KAFKA_SSL_CA_FILE
      ? { ca: [readFileSync(settings.KAFKA_SSL_CA_FILE, 'utf8')] }
      : true
    : undefined;
  if (settings.KAFKA_SASL_MECHANISM === 'none') {
    return { ssl };
  }
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = settings;
  if (username === undefined || password === undefined) {
    throw new Error(`KAFKA_SASL_MECHANISM is ${settings.KAFKA_SASL_MECHANISM} but a credential is missing`);
  }
  const sasl: SASLOptions = { mechanism: settings.KAFKA_SASL_MECHANISM, username, password };
  return { ssl, sasl };
}
