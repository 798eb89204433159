import 'reflect-metadata';
import { bootstrapService } from '@sms/runtime';
import { readBillingConfig } from './config/billing.config';
import { BillingModule } from './billing.module';

async function main(): Promise<void> {
  const config = readBillingConfig();
  await bootstrapService({
    service: 'billing',
    module: BillingModule.forRoot(config),
    config,
    title: 'SMS credits — billing API',
    description:
      'Turns money into credits: prices, orders, payments, subscriptions, auto top-up, approvals and invoices.',
  });
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `billing failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
