import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { SessionUser, SessionTokens } from './session';
import { SessionCookie } from './session-cookie';
import { type LoadedSession, SessionService } from './session.service';

export interface SignedInSession extends LoadedSession {
  data: LoadedSession['data'] & { user: SessionUser; tokens: SessionTokens };
}

// The session a request belongs to, from its cookie.
@Injectable()
export class SessionResolver {
  constructor(
    private readonly cookie: SessionCookie,
    private readonly sessions: SessionService,
  ) {}

  find(request: Request): Promise<LoadedSession | null> {
    return this.sessions.load(this.cookie.read(request));
  }

  async requireSignedIn(request: Request): Promise<SignedInSession> {
    const session = await this.find(request);
    if (session === null || !isSignedIn(session)) {
      throw new UnauthorizedException('Sign in first');
    }
    return session;
  }
}

export function isSignedIn(session: LoadedSession): session is SignedInSession {
  return session.data.user !== null && session.data.tokens !== null;
}
