import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { bearerToken, IS_PUBLIC_KEY, ROLES_KEY } from '@sms/auth';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import type { IdentityPrincipal } from './identity-principal';
import { PUBLISHED_KEYS, type PublishedKeys } from './published-keys';

const CLOCK_TOLERANCE_SECONDS = 30;

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string | undefined>;
  principal?: IdentityPrincipal;
}

// Identity verifies its own access tokens against the keys it publishes, with the same rules as
// every other service: ES256 signature, iss, aud and exp, then the route's roles and account.
@Injectable()
export class IdentityAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(PUBLISHED_KEYS) private readonly keys: PublishedKeys,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || this.metadata<boolean>(IS_PUBLIC_KEY, context)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const principal = await this.verify(bearerToken(request));
    request.principal = principal;
    const roles = this.metadata<string[]>(ROLES_KEY, context);
    if (roles === undefined) {
      // Every identity route declares its roles; a route without them is a wiring mistake.
      throw new ForbiddenException('This route declares no roles');
    }
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(
        `Role ${principal.role} may not access this route (requires one of: ${roles.join(', ')})`,
      );
    }
    const accountId = request.params?.accountId;
    if (accountId !== undefined && principal.role !== 'operator' && principal.accountId !== accountId) {
      throw new ForbiddenException(`Token is scoped to account ${principal.accountId}`);
    }
    return true;
  }

  private async verify(token: string): Promise<IdentityPrincipal> {
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: this.keys.publicKeys() }), {
        issuer: this.config.issuer,
        audience: this.config.AUTH_AUDIENCE,
        algorithms: ['ES256'],
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      const { sub, accountId, role } = payload;
      if (typeof sub !== 'string' || typeof accountId !== 'string' || typeof role !== 'string') {
        throw new Error('missing claims');
      }
      return { subject: sub, accountId, role };
    } catch {
      throw new UnauthorizedException('Invalid or expired token');
    }
  }

  private metadata<T>(key: string, context: ExecutionContext): T | undefined {
    return this.reflector.getAllAndOverride<T | undefined>(key, [context.getHandler(), context.getClass()]);
  }
}
