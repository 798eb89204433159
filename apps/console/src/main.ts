import 'reflect-metadata';
import { readConsoleConfig } from './config/console.config';
import { startConsole } from './start-console';

async function main(): Promise<void> {
  await startConsole(readConsoleConfig());
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `console failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
