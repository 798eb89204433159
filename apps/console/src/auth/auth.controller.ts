import { Body, Controller, Get, Inject, Post, Query, Req, Res, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import { assertSameOriginWrite } from '../session/csrf';
import { SessionCookie } from '../session/session-cookie';
import { isSignedIn, SessionResolver } from '../session/session-resolver';
import { SessionService } from '../session/session.service';
import { DevSignIn } from './dev-sign-in';
import { DevSignInDto } from './dev-sign-in.dto';
import { OidcClient } from './oidc-client';
import { safeReturnTo } from './return-to';
import { sessionUserFrom, UnusableTokenError } from './session-user';

// Sign-in and sign-out. Every route here is reachable without a session: it is how one gets one.
@ApiExcludeController()
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly oidc: OidcClient,
    private readonly sessions: SessionService,
    private readonly resolver: SessionResolver,
    private readonly cookie: SessionCookie,
    private readonly devSignIn: DevSignIn,
  ) {}

  @Get('login')
  async login(@Query('returnTo') returnTo: unknown, @Res() response: Response): Promise<void> {
    const start = await this.oidc.start(safeReturnTo(returnTo));
    const session = await this.sessions.create({ pending: start.pending, user: null, tokens: null });
    this.cookie.write(response, session.id);
    response.redirect(303, start.authorizationUrl);
  }

  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const session = await this.resolver.find(request);
    const pending = session?.data.pending ?? null;
    if (session === null || pending === null) {
      response.redirect(303, '/?signInError=expired');
      return;
    }
    try {
      const callbackUrl = new URL(request.originalUrl, this.config.CONSOLE_PUBLIC_URL);
      const result = await this.oidc.finish(pending, callbackUrl);
      const user = sessionUserFrom(result.tokens.accessToken, result.idClaims);
      const signedIn = await this.sessions.rotate(session, { pending: null, user, tokens: result.tokens });
      this.cookie.write(response, signedIn.id);
      response.redirect(303, pending.returnTo);
    } catch (error) {
      await this.sessions.destroy(session.id);
      this.cookie.clear(response);
      const reason = error instanceof UnusableTokenError ? 'unusable-token' : 'failed';
      response.redirect(303, `/?signInError=${reason}`);
    }
  }

  @Post('dev-sign-in')
  async devSignInRoute(
    @Req() request: Request,
    @Body() dto: DevSignInDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ signedIn: true }> {
    if (!this.config.CONSOLE_DEV_SIGN_IN) {
      throw new NotFoundException();
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== new URL(this.config.CONSOLE_PUBLIC_URL).origin) {
      throw new NotFoundException();
    }
    const previous = await this.resolver.find(request);
    if (previous !== null) {
      await this.sessions.destroy(previous.id);
    }
    const session = await this.sessions.create({ pending: null, ...(await this.devSignIn.issue(dto)) });
    this.cookie.write(response, session.id);
    return { signedIn: true };
  }

  @Post('logout')
  async logout(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ redirectTo: string }> {
    const session = await this.resolver.find(request);
    if (session === null) {
      this.cookie.clear(response);
      return { redirectTo: '/' };
    }
    assertSameOriginWrite(request, session.data, this.config.CONSOLE_PUBLIC_URL);
    await this.sessions.destroy(session.id);
    this.cookie.clear(response);
    const idToken = isSignedIn(session) ? session.data.tokens.idToken : null;
    const providerSignOut =
      this.config.AUTH_ISSUER_URL === undefined
        ? null
        : await this.oidc.signOutUrl(idToken).catch(() => null);
    return { redirectTo: providerSignOut ?? '/' };
  }
}
