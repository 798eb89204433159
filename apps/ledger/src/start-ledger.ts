import type { INestApplication } from '@nestjs/common';
import { type ApiInfo, bootstrapService } from '@sms/runtime';
import type { LedgerConfig } from './config/ledger.config';
import { LedgerModule } from './ledger.module';

// What the API's OpenAPI document calls itself.
export const LEDGER_API_INFO: ApiInfo = {
  title: 'SMS credits — ledger API',
  description:
    "Source of truth for every account's SMS credits: lots, journal, holds, expiry and the sms.sent hot path.",
};

// Boots the ledger (HTTP and Kafka) with this configuration: for main.ts, the tests and the tools alike.
export function startLedger(config: LedgerConfig, host?: string): Promise<INestApplication> {
  return bootstrapService({
    service: 'ledger',
    module: LedgerModule.forRoot(config),
    config,
    ...LEDGER_API_INFO,
    host,
  });
}
