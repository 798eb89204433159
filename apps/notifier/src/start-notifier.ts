import type { INestApplication } from '@nestjs/common';
import { bootstrapService } from '@sms/runtime';
import type { NotifierConfig } from './config/notifier.config';
import { NotifierModule } from './notifier.module';

// Boots the notifier (HTTP and Kafka) with this configuration: for main.ts, the tests and the tools alike.
export function startNotifier(config: NotifierConfig, host?: string): Promise<INestApplication> {
  return bootstrapService({
    service: 'notifier',
    module: NotifierModule.forRoot(config),
    config,
    title: 'SMS credits — notifier API',
    description: 'Tells people what they need to know about their credits, by email.',
    host,
  });
}
