import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import type { SessionTokens, SessionUser } from '../session/session';
import type { DevSignInDto } from './dev-sign-in.dto';

// Local development without a sign-in page: the local development issuer (the one `npm run stack`
// runs) signs a token for any account and role on request. The config refuses this mode in production.
@Injectable()
export class DevSignIn {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  async issue(dto: DevSignInDto): Promise<{ user: SessionUser; tokens: SessionTokens }> {
    const subject = devSubject(dto.role, dto.accountId);
    const lifetimeSeconds = this.config.SESSION_TTL_HOURS * 3600;
    const url = `${this.config.AUTH_ISSUER_URL.replace(/\/+$/, '')}/dev/token`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          accountId: dto.accountId,
          role: dto.role,
          subject,
          expiresInSeconds: lifetimeSeconds,
        }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new ServiceUnavailableException('The development issuer is not reachable');
    }
    if (!response.ok) {
      throw new ServiceUnavailableException(`The development issuer refused (${response.status})`);
    }
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    return {
      user: { subject, accountId: dto.accountId, role: dto.role, name: dto.name ?? null, email: subject },
      tokens: {
        accessToken,
        accessTokenExpiresAt: Math.floor(Date.now() / 1000) + lifetimeSeconds,
        refreshToken: null,
        idToken: null,
      },
    };
  }
}

// An email address, so the person can be named as an order's approver.
export function devSubject(role: string, accountId: string): string {
  return `${role}.${accountId}@dev.example`;
}
