import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { assertAccountAccess } from './account-access';
import type { AuthenticatedRequest } from './authenticated-request';
import type { Principal } from './principal';
import { IS_PUBLIC_KEY } from './public.decorator';
import type { Role } from './role';
import { ROLES_KEY } from './roles.decorator';
import { TokenVerifier } from './token-verifier';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

// Explicit @Inject tokens keep DI working when the code runs through a transpiler that does not emit
// decorator metadata (tsx/esbuild).
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    // Bearer tokens are an HTTP concern; Kafka handlers in hybrid apps trust the broker instead.
    if (context.getType() !== 'http') {
      return true;
    }
    if (this.metadata<boolean>(IS_PUBLIC_KEY, context)) {
      return true;
    }

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.verifier.verify(extractBearerToken(request));
    request.principal = principal;

    assertRole(principal, this.metadata<Role[]>(ROLES_KEY, context));
    const accountId = request.params?.accountId;
    if (accountId !== undefined) {
      assertAccountAccess(principal, accountId);
    }
    return true;
  }

  private metadata<T>(key: string, context: ExecutionContext): T | undefined {
    return this.reflector.getAllAndOverride<T | undefined>(key, [context.getHandler(), context.getClass()]);
  }
}

function extractBearerToken(request: AuthenticatedRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') {
    throw new UnauthorizedException('Missing bearer token');
  }
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  if (match === null) {
    throw new UnauthorizedException("Malformed Authorization header, expected 'Bearer <token>'");
  }
  return match[1];
}

function assertRole(principal: Principal, allowed: readonly Role[] | undefined): void {
  if (allowed === undefined || allowed.includes(principal.role)) {
    return;
  }
  throw new ForbiddenException(
    `Role ${principal.role} may not access this route (requires one of: ${allowed.join(', ')})`,
  );
}
