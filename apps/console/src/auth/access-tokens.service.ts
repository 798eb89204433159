import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { SignedInSession } from '../session/session-resolver';
import { SessionService } from '../session/session.service';
import { OidcClient } from './oidc-client';

// Refresh a little before the expiry, so a token does not lapse between here and the service.
const REFRESH_MARGIN_SECONDS = 30;

// The access token to call the services with: the session's own, refreshed server-side with the
// refresh token when it is about to expire.
@Injectable()
export class AccessTokens {
  private readonly logger = new Logger(AccessTokens.name);

  constructor(
    private readonly oidc: OidcClient,
    private readonly sessions: SessionService,
  ) {}

  async current(session: SignedInSession): Promise<string> {
    const { tokens } = session.data;
    if (tokens.accessTokenExpiresAt - REFRESH_MARGIN_SECONDS > Date.now() / 1000) {
      return tokens.accessToken;
    }
    if (tokens.refreshToken === null) {
      await this.sessions.destroy(session.id);
      throw new UnauthorizedException('The session has expired; sign in again');
    }
    try {
      const fresh = await this.oidc.refresh(tokens);
      session.data.tokens = fresh;
      await this.sessions.save(session);
      return fresh.accessToken;
    } catch (error) {
      this.logger.warn({ message: 'token refresh failed', error: String(error) });
      await this.sessions.destroy(session.id);
      throw new UnauthorizedException('The session has expired; sign in again');
    }
  }
}
