import 'reflect-metadata';
import { readIdentityConfig } from './config/identity.config';
import { startIdentity } from './start-identity';

async function main(): Promise<void> {
  await startIdentity(readIdentityConfig());
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `identity failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
