import type { INestApplication } from '@nestjs/common';
import { type ApiInfo, bootstrapService } from '@sms/runtime';
import type { NotifierConfig } from './config/notifier.config';
import { NotifierModule } from './notifier.module';

// What the API's OpenAPI document calls itself.
export const NOTIFIER_API_INFO: ApiInfo = {
  title: 'SMS credits — notifier API',
  description: 'Tells people what they need to know about their credits, by email.',
};

// Boots the notifier (HTTP and Kafka) with this configuration: for main.ts, the tests and the tools alike.
export function startNotifier(config: NotifierConfig, host?: string): Promise<INestApplication> {
  return bootstrapService({
    service: 'notifier',
    module: NotifierModule.forRoot(config),
    config,
    ...NOTIFIER_API_INFO,
    host,
  });
}
