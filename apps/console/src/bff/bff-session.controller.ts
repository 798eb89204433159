import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { OidcClient } from '../auth/oidc-client';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import type { SessionUser } from '../session/session';
import { isSignedIn, SessionResolver } from '../session/session-resolver';

export interface BffSessionView {
  signedIn: boolean;
  user: SessionUser | null;
  // Sent back in the X-CSRF-Token header of every change; readable only by same-origin pages.
  csrfToken: string | null;
  signInMethods: { provider: boolean; development: boolean };
  // Loaded by the Cards page only when billing offers Stripe card entry.
  stripeJsUrl: string;
}

// What the single-page app may know about the session: who, never a token.
@ApiExcludeController()
@Controller('bff')
export class BffSessionController {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly resolver: SessionResolver,
    private readonly oidc: OidcClient,
  ) {}

  @Get('session')
  async session(@Req() request: Request): Promise<BffSessionView> {
    const session = await this.resolver.find(request);
    const signInMethods = {
      provider: await this.oidc.offersSignIn(),
      development: this.config.CONSOLE_DEV_SIGN_IN,
    };
    const stripeJsUrl = this.config.CONSOLE_STRIPE_JS_URL;
    if (session === null || !isSignedIn(session)) {
      return { signedIn: false, user: null, csrfToken: null, signInMethods, stripeJsUrl };
    }
    return {
      signedIn: true,
      user: session.data.user,
      csrfToken: session.data.csrfToken,
      signInMethods,
      stripeJsUrl,
    };
  }
}
