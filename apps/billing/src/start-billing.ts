import type { INestApplication } from '@nestjs/common';
import { type ApiInfo, bootstrapService } from '@sms/runtime';
import type { BillingConfig } from './config/billing.config';
import { BillingModule } from './billing.module';

// What the API's OpenAPI document calls itself.
export const BILLING_API_INFO: ApiInfo = {
  title: 'SMS credits — billing API',
  description:
    'Turns money into credits: prices, orders, payments, subscriptions, auto top-up, approvals and invoices.',
};

// Boots the billing (HTTP and Kafka) with this configuration: for main.ts, the tests and the tools alike.
export function startBilling(config: BillingConfig, host?: string): Promise<INestApplication> {
  return bootstrapService({
    service: 'billing',
    module: BillingModule.forRoot(config),
    config,
    ...BILLING_API_INFO,
    host,
  });
}
