import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

import type { AuthenticatedRequest } from './authenticated-request';
import type { Principal } from './principal';

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const { principal } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (principal === undefined) {
      // Only reachable through a wiring mistake (e.g. on a @Public() route), so fail loudly as a 500.
      throw new Error('@CurrentPrincipal() used on a route the JwtAuthGuard did not authenticate');
    }
    return principal;
  },
);
