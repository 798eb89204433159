import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import type { Principal } from './principal';
import { isRole } from './role';

@Injectable()
export class TokenVerifier {
  private readonly jwt = new JwtService();

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {}

  verify(token: string): Principal {
    let claims: unknown;
    try {
      claims = this.jwt.verify<object>(token, {
        secret: this.options.secret,
        // Pinning the algorithm rejects "alg: none" and algorithm-confusion tokens.
        algorithms: ['HS256'],
        ...(this.options.issuer === undefined ? {} : { issuer: this.options.issuer }),
        ...(this.options.audience === undefined ? {} : { audience: this.options.audience }),
      });
    } catch {
      throw new UnauthorizedException('Invalid or expired token');
    }
    return toPrincipal(claims);
  }
}

function toPrincipal(claims: unknown): Principal {
  const { sub, accountId, role } = (claims ?? {}) as Record<string, unknown>;
  if (!isNonEmptyString(sub)) {
    throw new UnauthorizedException('Token claims are invalid: missing sub');
  }
  if (!isNonEmptyString(accountId)) {
    throw new UnauthorizedException('Token claims are invalid: missing accountId');
  }
  if (!isRole(role)) {
    throw new UnauthorizedException('Token claims are invalid: unknown role');
  }
  return { subject: sub, accountId, role };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
