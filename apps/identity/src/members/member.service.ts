import { ConflictException, ForbiddenException, Injectable, NotFoundException, Inject } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { SessionRevocationRepository } from '../sessions/session-revocation.repository';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { User } from '../users/user.entity';
import { lastOwnerProblem, type ManagerRole, mayAssign, mayManage } from './member-rules';
import { Membership } from './membership.entity';
import type { MembershipRole } from './membership-role';

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: MembershipRole;
  since: string;
}

// The people of a credit account. Changes to owners lock the account's owner rows, so two
// concurrent demotions cannot both pass the last-owner check. A removed member's sign-ins for the
// account end with the membership (no refresh token keeps them in).
@Injectable()
export class MemberService {
  constructor(
    private readonly em: EntityManager,
    private readonly sessions: SessionRevocationRepository,
    private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(accountId: string): Promise<MemberView[]> {
    const em = this.em.fork();
    const memberships = await em.find(Membership, { accountId }, { orderBy: { createdAt: 'asc' } });
    const users = await em.find(User, { id: { $in: memberships.map((m) => m.userId) } });
    const byId = new Map(users.map((user) => [user.id, user]));
    return memberships.flatMap((m) => {
      const user = byId.get(m.userId);
      return user === undefined
        ? []
        : [
            {
              userId: m.userId,
              email: user.email,
              name: user.name,
              role: m.role,
              since: m.createdAt.toISOString(),
            },
          ];
    });
  }

  async changeRole(options: {
    accountId: string;
    userId: string;
    role: MembershipRole;
    actor: ManagerRole;
  }): Promise<MemberView> {
    await this.unitOfWork.run(async (tx) => {
      const membership = await this.lockedMembership(tx, options.accountId, options.userId);
      this.assertMayChange(options.actor, membership.role, options.role);
      await this.assertKeepsOwner(tx, membership, options.role);
      membership.role = options.role;
    });
    const view = (await this.list(options.accountId)).find((m) => m.userId === options.userId);
    if (view === undefined) {
      throw new NotFoundException(`No member ${options.userId} on account ${options.accountId}`);
    }
    return view;
  }

  async remove(options: { accountId: string; userId: string; actor: ManagerRole }): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const membership = await this.lockedMembership(tx, options.accountId, options.userId);
      if (!mayManage(options.actor, membership.role)) {
        throw new ForbiddenException(`A ${options.actor} cannot remove a ${membership.role}`);
      }
      await this.assertKeepsOwner(tx, membership, 'removed');
      tx.remove(membership);
      await this.sessions.revokeMembership(tx, { userId: options.userId, accountId: options.accountId });
    });
  }

  // Adds or keeps a membership inside the caller's transaction (accepting an invitation).
  async join(
    tx: EntityManager,
    options: { accountId: string; userId: string; role: MembershipRole },
  ): Promise<void> {
    const existing = await tx.findOne(Membership, { accountId: options.accountId, userId: options.userId });
    if (existing === null) {
      tx.create(Membership, { ...options, createdAt: this.clock.now(), updatedAt: this.clock.now() });
      await tx.flush();
    }
  }

  /** The accounts a user belongs to, for the account choice at sign-in. */
  memberships(userId: string): Promise<Membership[]> {
    return this.em.fork().find(Membership, { userId }, { orderBy: { accountId: 'asc' } });
  }

  async ownerCount(accountId: string): Promise<number> {
    return this.em.fork().count(Membership, { accountId, role: 'owner' });
  }

  private assertMayChange(actor: ManagerRole, current: MembershipRole, next: MembershipRole): void {
    if (!mayManage(actor, current) || !mayAssign(actor, next)) {
      throw new ForbiddenException(`A ${actor} cannot change a ${current} into a ${next}`);
    }
  }

  private async lockedMembership(tx: EntityManager, accountId: string, userId: string): Promise<Membership> {
    // Every owner row of the account is locked first, in one order, whatever the target's role.
    await tx.find(
      Membership,
      { accountId, role: 'owner' },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { userId: 'asc' } },
    );
    const membership = await tx.findOne(
      Membership,
      { accountId, userId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (membership === null) {
      throw new NotFoundException(`No member ${userId} on account ${accountId}`);
    }
    return membership;
  }

  private async assertKeepsOwner(
    tx: EntityManager,
    membership: Membership,
    newRole: MembershipRole | 'removed',
  ): Promise<void> {
    const ownerCount = await tx.count(Membership, { accountId: membership.accountId, role: 'owner' });
    const problem = lastOwnerProblem({ ownerCount, currentRole: membership.role, newRole });
    if (problem !== undefined) {
      throw new ConflictException(problem);
    }
  }
}
