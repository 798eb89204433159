import { ForbiddenException } from '@nestjs/common';

import type { Principal } from './principal';

// Operators run the platform and act on behalf of any account; every other role is tied to its own.
export function canAccessAccount(principal: Principal, accountId: string): boolean {
  return principal.role === 'operator' || principal.accountId === accountId;
}

export function assertAccountAccess(principal: Principal, accountId: string): void {
  if (!canAccessAccount(principal, accountId)) {
    throw new ForbiddenException(`Token is scoped to account ${principal.accountId}`);
  }
}
