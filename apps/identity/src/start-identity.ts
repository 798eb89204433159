import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import { type ApiInfo, bootstrapService } from '@sms/runtime';
import type { IdentityConfig } from './config/identity.config';
import { IdentityModule } from './identity.module';
import { OidcProviderHost } from './oidc/oidc-provider.host';
import { TokenEndpointLimit } from './oidc/token-endpoint-limit';

// oidc-provider's endpoints (its default routes). The issuer is the service's root URL, so these sit
// beside identity's own routes, none of which share a first path segment with them.
const OIDC_PATHS = ['/.well-known', '/auth', '/token', '/jwks', '/me', '/session', '/request', '/reg'];

export function isOidcPath(path: string): boolean {
  return OIDC_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

export const IDENTITY_API_INFO: ApiInfo = {
  title: 'SMS credits — identity API',
  description:
    'The OpenID Provider of the platform (discovery at /.well-known/openid-configuration), members, invitations and machine clients.',
};

// Boots identity (HTTP and the outbox relay) with this configuration: for main.ts, the tests and the tools.
export function startIdentity(config: IdentityConfig, host?: string): Promise<INestApplication> {
  return bootstrapService({
    service: 'identity',
    module: IdentityModule.forRoot(config),
    config,
    ...IDENTITY_API_INFO,
    host,
    // oidc-provider reads its own request bodies, so it is mounted ahead of the body parsers.
    bodyParser: false,
    configure: (app) => {
      const express = app as NestExpressApplication;
      const oidc = app.get(OidcProviderHost);
      const tokenLimit = new TokenEndpointLimit(
        app.get<symbol, ThrottlerStorage>(getStorageToken(), { strict: false }),
        {
          windowMs: config.RATE_LIMIT_WINDOW_MS,
          limit: config.RATE_LIMIT_SIGN_IN_PER_IP,
        },
      );
      express.use(tokenLimit.middleware);
      express.use((req: Request, res: Response, next: NextFunction) =>
        isOidcPath(req.path) ? oidc.handle(req, res) : next(),
      );
      express.useBodyParser('json');
      express.useBodyParser('urlencoded', { extended: false });
    },
  });
}
