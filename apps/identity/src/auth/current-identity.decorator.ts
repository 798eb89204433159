import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IdentityPrincipal } from './identity-principal';

export const CurrentIdentity = createParamDecorator(
  (_data: unknown, context: ExecutionContext): IdentityPrincipal => {
    const { principal } = context.switchToHttp().getRequest<{ principal?: IdentityPrincipal }>();
    if (principal === undefined) {
      throw new Error('@CurrentIdentity() used on a route the guard did not authenticate');
    }
    return principal;
  },
);
