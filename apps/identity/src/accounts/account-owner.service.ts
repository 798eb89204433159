import { BadRequestException, ConflictException, Injectable, Inject } from '@nestjs/common';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { InvitationService } from '../invitations/invitation.service';
import { MemberService } from '../members/member.service';
import { Membership } from '../members/membership.entity';
import { passwordProblem } from '../users/password';
import { UserService } from '../users/user.service';

export type OwnerOutcome =
  | { accountId: string; userId: string; email: string; status: 'owner' }
  | { accountId: string; email: string; status: 'invited'; invitationId: string };

// Operator actions: the first owner of a new credit account, and more operators.
@Injectable()
export class AccountOwnerService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly users: UserService,
    private readonly members: MemberService,
    private readonly invitations: InvitationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async createFirstOwner(options: {
    accountId: string;
    email: string;
    name: string;
    password?: string;
    operator: { subject: string };
  }): Promise<OwnerOutcome> {
    if ((await this.members.ownerCount(options.accountId)) > 0) {
      throw new ConflictException(
        `Account ${options.accountId} already has an owner; owners and admins invite everyone else`,
      );
    }
    if (options.password === undefined) {
      const invitation = await this.invitations.invite({
        accountId: options.accountId,
        email: options.email,
        role: 'owner',
        actor: { role: 'operator', subject: options.operator.subject },
      });
      return {
        accountId: options.accountId,
        email: invitation.email,
        status: 'invited',
        invitationId: invitation.invitationId,
      };
    }
    const password = options.password;
    return this.unitOfWork.run(async (tx) => {
      let user = await this.users.findByEmail(options.email, tx);
      if (user === null) {
        const problem = passwordProblem(password, { email: options.email });
        if (problem !== undefined) {
          throw new BadRequestException(problem);
        }
        user = await this.users.create({ email: options.email, name: options.name, password }, tx);
      }
      tx.create(Membership, {
        userId: user.id,
        accountId: options.accountId,
        role: 'owner',
        createdAt: this.clock.now(),
        updatedAt: this.clock.now(),
      });
      await tx.flush();
      return { accountId: options.accountId, userId: user.id, email: user.email, status: 'owner' as const };
    });
  }

  async createOperator(options: {
    email: string;
    name: string;
    password: string;
  }): Promise<{ userId: string }> {
    const problem = passwordProblem(options.password, options);
    if (problem !== undefined) {
      throw new BadRequestException(problem);
    }
    const existing = await this.users.findByEmail(options.email);
    const user = existing ?? (await this.users.create(options));
    await this.users.makeOperator(user.id);
    return { userId: user.id };
  }
}
