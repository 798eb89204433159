import type { DynamicModule, Provider } from '@nestjs/common';
import { z } from 'zod';
import { commonSettings, loadConfig, withLocalDefaults } from '@sms/config';
import { type MessagingOptions, MessagingModule } from '@sms/messaging';
import { ServiceCoreModule } from './service-core.module';

const schema = z.object(commonSettings({ port: 3001, clientId: 'ledger' }));

function messagingOptionsOf(core: DynamicModule): MessagingOptions {
  const messaging = (core.imports ?? []).find(
    (imported): imported is DynamicModule =>
      typeof imported === 'object' && 'module' in imported && imported.module === MessagingModule,
  );
  const provider = (messaging?.providers ?? []).find(
    (p: Provider): p is { provide: symbol; useValue: MessagingOptions } =>
      typeof p === 'object' && 'useValue' in p && typeof p.provide === 'symbol',
  );
  if (provider === undefined) {
    throw new Error('ServiceCoreModule configures no MessagingModule');
  }
  return provider.useValue;
}

describe(ServiceCoreModule.name, () => {
  it("hands the service's Kafka consumer settings to the messaging runtime", () => {
    const config = loadConfig(
      'ledger',
      schema,
      withLocalDefaults({
        KAFKA_SESSION_TIMEOUT_MS: '45000',
        KAFKA_HEARTBEAT_INTERVAL_MS: '5000',
        KAFKA_MAX_WAIT_TIME_MS: '250',
        KAFKA_MAX_BYTES: '20971520',
        KAFKA_MAX_BYTES_PER_PARTITION: '1048576',
      }),
    );
    const core = ServiceCoreModule.forRoot({
      service: 'ledger',
      schema: 'ledger',
      config,
      entities: [],
      migrations: [],
    });
    expect(messagingOptionsOf(core).consumer).toEqual({
      sessionTimeoutMs: 45_000,
      heartbeatIntervalMs: 5_000,
      maxWaitTimeMs: 250,
      maxBytes: 20_971_520,
      maxBytesPerPartition: 1_048_576,
    });
  });
});
