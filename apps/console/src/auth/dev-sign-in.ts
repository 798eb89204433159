import { Inject, Injectable } from '@nestjs/common';
import { signToken } from '@sms/auth';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import type { SessionTokens, SessionUser } from '../session/session';
import type { DevSignInDto } from './dev-sign-in.dto';

// Local development without an OpenID Provider: a token signed with the services' shared secret,
// as `npm run token` makes. The config refuses this mode in production.
@Injectable()
export class DevSignIn {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  issue(dto: DevSignInDto): { user: SessionUser; tokens: SessionTokens } {
    const secret = this.config.JWT_SECRET;
    if (secret === undefined) {
      throw new Error('JWT_SECRET is needed for development sign-in');
    }
    // An email address, so the person can be named as an order's approver.
    const subject = devSubject(dto.role, dto.accountId);
    const lifetimeSeconds = this.config.SESSION_TTL_HOURS * 3600;
    return {
      user: { subject, accountId: dto.accountId, role: dto.role, name: dto.name ?? null, email: subject },
      tokens: {
        accessToken: signToken({
          secret,
          subject,
          accountId: dto.accountId,
          role: dto.role,
          expiresIn: lifetimeSeconds,
        }),
        accessTokenExpiresAt: Math.floor(Date.now() / 1000) + lifetimeSeconds,
        refreshToken: null,
        idToken: null,
      },
    };
  }
}

export function devSubject(role: string, accountId: string): string {
  return `${role}.${accountId}@dev.example`;
}
