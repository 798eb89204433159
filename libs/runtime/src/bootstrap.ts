import { DynamicModule, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { KafkaBatchServer } from '@sms/messaging';
import { createLogger, OpsAccess } from '@sms/observability';
import { Registry } from 'prom-client';
import { createOpenApiDocument } from './openapi-document';
import { OpsModule, OpsServer } from './ops/ops-server';
import type { ServiceConfig } from './service-config';

export interface BootstrapOptions {
  service: string;
  module: DynamicModule;
  config: ServiceConfig;
  title: string;
  description: string;
  host?: string;
  // false: the app registers its own body parsers in `configure` (e.g. after a handler that reads raw bodies).
  bodyParser?: boolean;
  // Runs after the app is created and before it initialises: for middleware mounted ahead of the routes.
  configure?: (app: INestApplication) => void | Promise<void>;
}

// Starts a hybrid app: the HTTP API (with OpenAPI at /docs) and the Kafka batch consumers. Migrations
// run during init, so no consumer or route sees an old schema.
export async function bootstrapService(options: BootstrapOptions): Promise<INestApplication> {
  const { config } = options;
  const logger = createLogger({
    service: options.service,
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
  });
  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    logger,
    abortOnError: false,
    bodyParser: options.bodyParser ?? true,
  });
  // Behind a load balancer the client address (rate limits, logs) comes from X-Forwarded-For.
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  await options.configure?.(app);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  const document = createOpenApiDocument(app, options);
  const access = app.get(OpsAccess);
  let docsOn: INestApplication = app;
  if (config.OPS_PORT !== undefined) {
    docsOn = await NestFactory.create(OpsModule.forRoot({ registry: app.get(Registry), access }), { logger });
    app.get(OpsServer).app = docsOn;
  }
  // Swagger UI is not a Nest route, so the operations token is checked by a middleware in front of it.
  docsOn.use('/docs', access.middleware());
  SwaggerModule.setup('docs', docsOn, document, { jsonDocumentUrl: 'docs/openapi.json' });
  app.connectMicroservice({ strategy: app.get(KafkaBatchServer) }, { inheritAppConfig: true });
  app.enableShutdownHooks();
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.PORT, options.host ?? '0.0.0.0');
  if (docsOn !== app) {
    await docsOn.listen(config.OPS_PORT as number, options.host ?? config.OPS_HOST);
  }
  logger.log(
    { message: 'ready', port: config.PORT, opsPort: config.OPS_PORT, docs: `/docs` },
    options.service,
  );
  return app;
}
