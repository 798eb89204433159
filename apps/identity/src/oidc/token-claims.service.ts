import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Membership } from '../members/membership.entity';
import { PlatformOperator } from '../users/platform-operator.entity';
import { GrantAccountRepository } from './grant-account.repository';
import type { TokenClaims } from '../auth/token-claims';

// Operators act on every account; their tokens name this one instead of a credit account.
export const PLATFORM_ACCOUNT = 'platform';

// The account and role each access token carries, read when the token is issued (including on
// refresh), so a changed role or a removed member takes effect within one access-token lifetime.
@Injectable()
export class TokenClaimsService {
  constructor(
    private readonly em: EntityManager,
    private readonly grants: GrantAccountRepository,
  ) {}

  async forGrant(grantId: string): Promise<TokenClaims | undefined> {
    const choice = await this.grants.find(grantId);
    if (choice === undefined) {
      return undefined;
    }
    const em = this.em.fork();
    if (choice.operator) {
      const stillOperator = (await em.count(PlatformOperator, { userId: choice.userId })) > 0;
      return stillOperator ? { accountId: choice.accountId, role: 'operator' } : undefined;
    }
    const membership = await em.findOne(Membership, { userId: choice.userId, accountId: choice.accountId });
    return membership === null ? undefined : { accountId: membership.accountId, role: membership.role };
  }
}
