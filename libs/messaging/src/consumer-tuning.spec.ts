import { z } from 'zod';
import { commonSettings, loadConfig, withLocalDefaults } from '@sms/config';
import { consumerConfig, kafkaConsumerTuning, resolveConsumerTuning } from './consumer-tuning';

const schema = z.object(commonSettings({ port: 3001, clientId: 'ledger' }));
const settings = (env: Record<string, string>) => loadConfig('ledger', schema, withLocalDefaults(env));

describe(resolveConsumerTuning.name, () => {
  it('keeps the values the consumers ran with before they were settings when nothing is given', () => {
    expect(resolveConsumerTuning()).toEqual({
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 3_000,
      maxWaitTimeMs: 100,
      maxBytes: 10 * 1024 * 1024,
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
  });

  it('heartbeats every tenth of a shorter session timeout unless told otherwise', () => {
    expect(resolveConsumerTuning({ sessionTimeoutMs: 6_000 }).heartbeatIntervalMs).toBe(600);
    expect(
      resolveConsumerTuning({ sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000 }).heartbeatIntervalMs,
    ).toBe(1_000);
  });

  it('gives the same tuning from default settings as from no settings at all', () => {
    expect(resolveConsumerTuning(kafkaConsumerTuning(settings({})))).toEqual(resolveConsumerTuning());
  });

  it('takes each value from its setting', () => {
    const tuning = resolveConsumerTuning(
      kafkaConsumerTuning(
        settings({
          KAFKA_SESSION_TIMEOUT_MS: '45000',
          KAFKA_HEARTBEAT_INTERVAL_MS: '5000',
          KAFKA_MAX_WAIT_TIME_MS: '250',
          KAFKA_MAX_BYTES: '20971520',
          KAFKA_MAX_BYTES_PER_PARTITION: '1048576',
        }),
      ),
    );
    expect(tuning).toEqual({
      sessionTimeoutMs: 45_000,
      heartbeatIntervalMs: 5_000,
      maxWaitTimeMs: 250,
      maxBytes: 20_971_520,
      maxBytesPerPartition: 1_048_576,
    });
  });
});

describe(consumerConfig.name, () => {
  it('hands the tuning to kafkajs and leaves restarts to the supervisor', async () => {
    const config = consumerConfig('ledger.sms.sent', resolveConsumerTuning({ sessionTimeoutMs: 6_000 }));
    expect(config).toMatchObject({
      groupId: 'ledger.sms.sent',
      sessionTimeout: 6_000,
      heartbeatInterval: 600,
      maxWaitTimeInMs: 100,
      maxBytes: 10_485_760,
      maxBytesPerPartition: 4_194_304,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    await expect(config.retry?.restartOnFailure?.(new Error('crashed'))).resolves.toBe(false);
  });
});
