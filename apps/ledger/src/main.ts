import 'reflect-metadata';
import { bootstrapService } from '@sms/runtime';
import { readLedgerConfig } from './config/ledger.config';
import { LedgerModule } from './ledger.module';

async function main(): Promise<void> {
  const config = readLedgerConfig();
  await bootstrapService({
    service: 'ledger',
    module: LedgerModule.forRoot(config),
    config,
    title: 'SMS credits — ledger API',
    description:
      "Source of truth for every account's SMS credits: lots, journal, holds, expiry and the sms.sent hot path.",
  });
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `ledger failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
