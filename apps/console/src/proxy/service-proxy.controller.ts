import { All, Controller, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccessTokens } from '../auth/access-tokens.service';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import { assertSameOriginWrite } from '../session/csrf';
import { SessionResolver } from '../session/session-resolver';
import { ServiceProxy } from './service-proxy.service';

// /api/ledger/..., /api/billing/..., /api/notifier/...: the services' own routes, called with the
// session's access token. Reads need a session; changes also need the CSRF token.
@ApiExcludeController()
@Controller('api')
export class ServiceProxyController {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly resolver: SessionResolver,
    private readonly tokens: AccessTokens,
    private readonly proxy: ServiceProxy,
  ) {}

  @All(':service/*path')
  async forward(
    @Param('service') service: string,
    @Param('path') path: string[] | string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = await this.resolver.requireSignedIn(request);
    assertSameOriginWrite(request, session.data, this.config.CONSOLE_PUBLIC_URL);
    const accessToken = await this.tokens.current(session);
    await this.proxy.forward({
      service,
      segments: Array.isArray(path) ? path : path.split('/'),
      request,
      response,
      accessToken,
    });
  }
}
