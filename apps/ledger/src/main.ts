import 'reflect-metadata';
import { readLedgerConfig } from './config/ledger.config';
import { startLedger } from './start-ledger';

async function main(): Promise<void> {
  await startLedger(readLedgerConfig());
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `ledger failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
