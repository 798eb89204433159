import 'reflect-metadata';
import { readIdentityConfig } from './config/identity.config';
import { KeyDecryptionError } from './keys/private-key-cipher';
import { startIdentity } from './start-identity';

async function main(): Promise<void> {
  await startIdentity(readIdentityConfig());
}

void main().catch((error: unknown) => {
  if (error instanceof KeyDecryptionError) {
    // A configuration problem, not a crash: say which setting, without a stack trace.
    process.stderr.write(`identity cannot read its signing keys: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(
    `identity failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
