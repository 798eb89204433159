import 'reflect-metadata';
import { bootstrapService } from '@sms/runtime';
import { readNotifierConfig } from './config/notifier.config';
import { NotifierModule } from './notifier.module';

async function main(): Promise<void> {
  const config = readNotifierConfig();
  await bootstrapService({
    service: 'notifier',
    module: NotifierModule.forRoot(config),
    config,
    title: 'SMS credits — notifier API',
    description: 'Tells people what they need to know about their credits, by email.',
  });
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `notifier failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
