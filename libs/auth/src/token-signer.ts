import { Inject, Injectable } from '@nestjs/common';
import { JwtService, type JwtSignOptions } from '@nestjs/jwt';

import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import type { Role } from './role';

export type TokenExpiry = NonNullable<JwtSignOptions['expiresIn']>;

export interface TokenClaimsInput {
  subject: string;
  accountId: string;
  role: Role;
  expiresIn?: TokenExpiry;
}

export interface SignTokenOptions extends TokenClaimsInput, AuthOptions {}

export const DEFAULT_TOKEN_EXPIRY: TokenExpiry = '1h';

export function signToken(options: SignTokenOptions): string {
  const { secret, subject, accountId, role, issuer, audience, expiresIn = DEFAULT_TOKEN_EXPIRY } = options;
  return new JwtService().sign(
    { sub: subject, accountId, role },
    {
      secret,
      algorithm: 'HS256',
      expiresIn,
      ...(issuer === undefined ? {} : { issuer }),
      ...(audience === undefined ? {} : { audience }),
    },
  );
}

// Signs with the secret, issuer and audience the running app verifies with, so tests and tools
// cannot drift from the guard's configuration.
@Injectable()
export class TokenSigner {
  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {}

  sign(claims: TokenClaimsInput): string {
    return signToken({ ...this.options, ...claims });
  }
}
