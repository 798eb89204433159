import { DynamicModule, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { KafkaBatchServer } from '@sms/messaging';
import { createLogger } from '@sms/observability';
import { createOpenApiDocument } from './openapi-document';
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
  const app = await NestFactory.create(options.module, {
    logger,
    abortOnError: false,
    bodyParser: options.bodyParser ?? true,
  });
  await options.configure?.(app);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  const document = createOpenApiDocument(app, options);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  app.connectMicroservice({ strategy: app.get(KafkaBatchServer) }, { inheritAppConfig: true });
  app.enableShutdownHooks();
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.PORT, options.host ?? '0.0.0.0');
  logger.log({ message: 'ready', port: config.PORT, docs: `/docs` }, options.service);
  return app;
}
