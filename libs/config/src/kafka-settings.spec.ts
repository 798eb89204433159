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

const load = (env: Record<string, string>) => loadConfig('ledger', schema, withLocalDefaults(env));

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('Kafka consumer settings', () => {
  it('defaults to the fetch sizes, waits and timeouts the consumers were measured with', () => {
    const config = load({});
    expect({
      session: config.KAFKA_SESSION_TIMEOUT_MS,
      heartbeat: config.KAFKA_HEARTBEAT_INTERVAL_MS,
      maxWait: config.KAFKA_MAX_WAIT_TIME_MS,
      maxBytes: config.KAFKA_MAX_BYTES,
      perPartition: config.KAFKA_MAX_BYTES_PER_PARTITION,
    }).toEqual({
      session: 30_000,
      heartbeat: undefined,
      maxWait: 100,
      maxBytes: 10_485_760,
      perPartition: 4_194_304,
    });
  });

  it('reads every consumer setting from the environment', () => {
    const config = load({
      KAFKA_SESSION_TIMEOUT_MS: '45000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '5000',
      KAFKA_MAX_WAIT_TIME_MS: '250',
      KAFKA_MAX_BYTES: '20971520',
      KAFKA_MAX_BYTES_PER_PARTITION: '1048576',
    });
    expect([
      config.KAFKA_SESSION_TIMEOUT_MS,
      config.KAFKA_HEARTBEAT_INTERVAL_MS,
      config.KAFKA_MAX_WAIT_TIME_MS,
      config.KAFKA_MAX_BYTES,
      config.KAFKA_MAX_BYTES_PER_PARTITION,
    ]).toEqual([45_000, 5_000, 250, 20_971_520, 1_048_576]);
  });

  it.each([
    ['KAFKA_HEARTBEAT_INTERVAL_MS', '10'],
    ['KAFKA_MAX_WAIT_TIME_MS', '0'],
    ['KAFKA_MAX_WAIT_TIME_MS', '60000'],
    ['KAFKA_MAX_BYTES', 'ten megabytes'],
    ['KAFKA_MAX_BYTES_PER_PARTITION', '512'],
  ])('refuses to start with %s=%s and names the setting', (setting, value) => {
    const problems = problemsOf({ [setting]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${setting}: `));
  });

  it('refuses heartbeats further apart than a third of the session timeout', () => {
    expect(problemsOf({ KAFKA_SESSION_TIMEOUT_MS: '30000', KAFKA_HEARTBEAT_INTERVAL_MS: '10001' })).toEqual([
      'KAFKA_HEARTBEAT_INTERVAL_MS: must be at most a third of KAFKA_SESSION_TIMEOUT_MS (10000 ms)',
    ]);
    expect(load({ KAFKA_SESSION_TIMEOUT_MS: '30000', KAFKA_HEARTBEAT_INTERVAL_MS: '10000' })).toMatchObject({
      KAFKA_HEARTBEAT_INTERVAL_MS: 10_000,
    });
  });

  it('refuses a per-partition fetch limit above the whole fetch limit', () => {
    expect(problemsOf({ KAFKA_MAX_BYTES: '1048576', KAFKA_MAX_BYTES_PER_PARTITION: '2097152' })).toEqual([
      'KAFKA_MAX_BYTES_PER_PARTITION: must not exceed KAFKA_MAX_BYTES',
    ]);
  });
});
