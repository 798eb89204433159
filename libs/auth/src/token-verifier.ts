import {
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { errors, jwtVerify, type JWTPayload } from 'jose';

import { AUTH_OPTIONS, type AuthOptions, DEFAULT_CLOCK_TOLERANCE_SECONDS } from './auth-options';
import { IssuerKeySet, IssuerUnavailableError } from './issuer-key-set';
import type { Principal } from './principal';
import { isRole, type Role } from './role';

// Asymmetric signatures only: with HS* anyone holding the shared secret could mint tokens, and
// "none" is no signature at all.
export const ACCEPTED_ALGORITHMS = [
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
];

// One answer for every bad token, so a caller learns nothing about which check failed.
const INVALID_TOKEN = 'Invalid or expired token';

@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly keySet: IssuerKeySet;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    this.keySet = new IssuerKeySet(options);
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet.getKey, {
        issuer: this.options.issuerUrl,
        audience: this.options.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: this.options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (isIssuerFault(error)) {
        this.logger.warn({ message: 'token keys unavailable', reason: (error as Error).message });
        throw new ServiceUnavailableException('Token keys are unavailable, try again shortly');
      }
      this.logger.debug({ message: 'token refused', code: (error as errors.JOSEError).code });
      throw new UnauthorizedException(INVALID_TOKEN);
    }
    return toPrincipal(payload, this.options);
  }
}

// An unreachable issuer is not the caller's fault; telling it "invalid token" would make clients throw
// away good tokens. Everything jose reports about the token itself is a 401.
function isIssuerFault(error: unknown): boolean {
  if (error instanceof IssuerUnavailableError || error instanceof errors.JWKSTimeout) {
    return true;
  }
  if (error instanceof errors.JWKSInvalid) {
    return true;
  }
  // jose reports a failed JWKS download as its generic error, and network errors pass through as is.
  return !(error instanceof errors.JOSEError) || error.code === 'ERR_JOSE_GENERIC';
}

function toPrincipal(claims: JWTPayload, options: AuthOptions): Principal {
  const accountId = claimAt(claims, options.accountClaim);
  const role = roleFrom(claimAt(claims, options.roleClaim));
  if (!isNonEmptyString(claims.sub)) {
    throw new UnauthorizedException(INVALID_TOKEN);
  }
  if (!isNonEmptyString(accountId)) {
    throw new UnauthorizedException('Token does not name a credit account');
  }
  if (role === undefined) {
    throw new UnauthorizedException('Token carries no known role');
  }
  return { subject: claims.sub, accountId, role };
}

// Providers put roles in a string claim or in a list (Entra ID `roles`, Keycloak `realm_access.roles`)
// among roles of their own; the list must hold exactly one of ours, or the token is ambiguous.
function roleFrom(value: unknown): Role | undefined {
  if (isRole(value)) {
    return value;
  }
  if (Array.isArray(value)) {
    const ours = [...new Set(value.filter(isRole))];
    return ours.length === 1 ? ours[0] : undefined;
  }
  return undefined;
}

// Namespaced claim names contain dots (Auth0: `https://sms.example.com/role`), so an exact top-level
// name wins over a path into nested claims.
function claimAt(claims: JWTPayload, name: string): unknown {
  if (name in claims) {
    return claims[name];
  }
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || !(part in value)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
