import 'reflect-metadata';
import { readNotifierConfig } from './config/notifier.config';
import { startNotifier } from './start-notifier';

async function main(): Promise<void> {
  await startNotifier(readNotifierConfig());
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `notifier failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
