import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createOpenApiDocument, type ApiInfo } from '@sms/runtime';
import { readBillingConfig } from '../../apps/billing/src/config/billing.config';
import { BillingModule } from '../../apps/billing/src/billing.module';
import { BILLING_API_INFO } from '../../apps/billing/src/start-billing';
import { readLedgerConfig } from '../../apps/ledger/src/config/ledger.config';
import { LedgerModule } from '../../apps/ledger/src/ledger.module';
import { LEDGER_API_INFO } from '../../apps/ledger/src/start-ledger';
import { readNotifierConfig } from '../../apps/notifier/src/config/notifier.config';
import { NotifierModule } from '../../apps/notifier/src/notifier.module';
import { NOTIFIER_API_INFO } from '../../apps/notifier/src/start-notifier';

export const DOCUMENTED_SERVICES = ['ledger', 'billing', 'notifier'] as const;
export type DocumentedService = (typeof DOCUMENTED_SERVICES)[number];

const SOURCES: Record<DocumentedService, () => { module: DynamicModule; info: ApiInfo }> = {
  ledger: () => ({ module: LedgerModule.forRoot(readLedgerConfig({})), info: LEDGER_API_INFO }),
  billing: () => ({ module: BillingModule.forRoot(readBillingConfig({})), info: BILLING_API_INFO }),
  notifier: () => ({ module: NotifierModule.forRoot(readNotifierConfig({})), info: NOTIFIER_API_INFO }),
};

// A service's OpenAPI document straight from its controllers and DTOs. Nest's preview mode builds
// the module graph without instantiating providers, so neither PostgreSQL nor Kafka is needed.
export async function buildOpenApiDocument(service: DocumentedService): Promise<OpenAPIObject> {
  const { module, info } = SOURCES[service]();
  const app = await NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
  try {
    return createOpenApiDocument(app, info);
  } finally {
    await app.close();
  }
}

// Stable text for the committed file: two-space JSON with a final newline.
export function serializeDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
