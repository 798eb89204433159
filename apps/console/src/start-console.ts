import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import { createLogger } from '@sms/observability';
import type { ConsoleConfig } from './config/console.config';
import { ConsoleModule } from './console.module';
import { securityHeaders } from './security-headers';
import { spaDir } from './spa/spa-dir';

// Boots the console (the single-page app and its backend-for-frontend) with this configuration: for
// main.ts, the tests and the tools alike.
export async function startConsole(config: ConsoleConfig, host?: string): Promise<NestExpressApplication> {
  const logger = createLogger({ service: 'console', level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.forRoot(config), {
    logger,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  // Behind a proxy the public URL is what people use; the app itself only needs the loopback peer.
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders({ stripeJsUrl: config.CONSOLE_STRIPE_JS_URL }));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  // Hashed file names: a new build gets new names, so the assets may be cached for a year.
  app.useStaticAssets(join(spaDir(config), 'assets'), { prefix: '/assets', immutable: true, maxAge: '365d' });
  app.useStaticAssets(spaDir(config), { index: false });
  app.enableShutdownHooks();
  await app.listen(config.PORT, host ?? '0.0.0.0');
  logger.log({ message: 'ready', port: config.PORT, url: config.CONSOLE_PUBLIC_URL }, 'console');
  return app;
}
