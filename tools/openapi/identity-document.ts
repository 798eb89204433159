import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createOpenApiDocument } from '@sms/runtime';
import { loadIdentityConfig } from '../../apps/identity/src/config/identity.config';
import { IdentityModule } from '../../apps/identity/src/identity.module';
import { IDENTITY_API_INFO } from '../../apps/identity/src/start-identity';

// Identity's document, kept apart from openapi-documents.ts: identity imports oidc-provider, an ES
// module that Node loads through require() but jest's module loader cannot, so the drift test of the
// other documents must not import it. Preview mode: no PostgreSQL, Kafka or signing keys are needed.
export async function buildIdentityOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadIdentityConfig({ NODE_ENV: 'development' });
  const app = await NestFactory.create(IdentityModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return createOpenApiDocument(app, IDENTITY_API_INFO);
  } finally {
    await app.close();
  }
}
