import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { assertAccountAccess } from './account-access';
import { bearerToken } from './bearer-token';
import type { AuthenticatedRequest } from './authenticated-request';
import type { Principal } from './principal';
import { IS_PUBLIC_KEY } from './public.decorator';
import type { Role } from './role';
import { ROLES_KEY } from './roles.decorator';
import { TokenVerifier } from './token-verifier';

// Explicit @Inject tokens keep DI working when the code runs through a transpiler that does not emit
// decorator metadata (tsx/esbuild).
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly logger = new Logger(JwtAuthGuard.name);

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Bearer tokens are an HTTP concern; Kafka handlers in hybrid apps trust the broker instead.
    if (context.getType() !== 'http') {
      return true;
    }
    if (this.metadata<boolean>(IS_PUBLIC_KEY, context)) {
      return true;
    }
    // Fail closed: a route that forgot to say who may call it is refused to everyone, rather than
    // opened to any holder of a token.
    const allowed = this.metadata<Role[]>(ROLES_KEY, context);
    if (allowed === undefined || allowed.length === 0) {
      this.logger.error({
        message: 'route declares no roles',
        handler: `${context.getClass().name}.${context.getHandler().name}`,
      });
      throw new ForbiddenException('This route declares no roles');
    }

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.verifier.verify(bearerToken(request));
    request.principal = principal;

    assertRole(principal, allowed);
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

function assertRole(principal: Principal, allowed: readonly Role[]): void {
  if (allowed.includes(principal.role)) {
    return;
  }
  throw new ForbiddenException(
    `Role ${principal.role} may not access this route (requires one of: ${allowed.join(', ')})`,
  );
}
