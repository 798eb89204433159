import 'reflect-metadata';
import { readBillingConfig } from './config/billing.config';
import { startBilling } from './start-billing';

async function main(): Promise<void> {
  await startBilling(readBillingConfig());
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `billing failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
