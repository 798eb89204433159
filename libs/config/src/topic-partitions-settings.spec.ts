import { z } from 'zod';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { commonSettings, withLocalDefaults } from './settings';

const schema = z.object(commonSettings({ port: 3001, clientId: 'ledger' }));

describe('Kafka partition settings', () => {
  it('creates sms.sent with 12 partitions and other topics with 3 unless told otherwise', () => {
    const config = loadConfig('ledger', schema, withLocalDefaults({}));
    expect([config.KAFKA_SMS_SENT_PARTITIONS, config.KAFKA_TOPIC_PARTITIONS]).toEqual([12, 3]);
  });

  it('reads both counts from the environment', () => {
    const config = loadConfig(
      'ledger',
      schema,
      withLocalDefaults({ KAFKA_SMS_SENT_PARTITIONS: '48', KAFKA_TOPIC_PARTITIONS: '6' }),
    );
    expect([config.KAFKA_SMS_SENT_PARTITIONS, config.KAFKA_TOPIC_PARTITIONS]).toEqual([48, 6]);
  });

  it.each(['0', '-3', '2.5', 'twelve', '5000'])('refuses %s partitions', (value) => {
    expect(() =>
      loadConfig('ledger', schema, withLocalDefaults({ KAFKA_SMS_SENT_PARTITIONS: value })),
    ).toThrow(ConfigError);
  });
});
