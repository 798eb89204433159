import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  GoneException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { eventEnvelope, InvitationCreated } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { type ManagerRole, mayAssign } from '../members/member-rules';
import { MemberService } from '../members/member.service';
import type { MembershipRole } from '../members/membership-role';
import { hashLinkSecret, newId, newLinkSecret, normalizeEmail } from '../users/ids';
import { passwordProblem } from '../users/password';
import { User } from '../users/user.entity';
import { UserService } from '../users/user.service';
import { Invitation } from './invitation.entity';

export interface InvitationView {
  invitationId: string;
  accountId: string;
  email: string;
  role: MembershipRole;
  invitedBy: string;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
}

export interface OpenInvitation {
  invitation: Invitation;
  // An invitee who already has a user confirms with their password instead of choosing one.
  existingUser: User | null;
}

// Invitations: created by an owner or admin, announced by an event (the notifier emails the link),
// redeemed once before they expire.
@Injectable()
export class InvitationService {
  constructor(
    private readonly em: EntityManager,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly members: MemberService,
    private readonly users: UserService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async invite(options: {
    accountId: string;
    email: string;
    role: MembershipRole;
    actor: { role: ManagerRole; subject: string };
  }): Promise<InvitationView> {
    if (!mayAssign(options.actor.role, options.role)) {
      throw new ForbiddenException(`A ${options.actor.role} cannot invite a ${options.role}`);
    }
    const email = normalizeEmail(options.email);
    const inviter = await this.users.findById(options.actor.subject);
    const { secret, hash } = newLinkSecret();
    const now = this.clock.now();
    const invitation = await this.unitOfWork.run(async (tx) => {
      const created = tx.create(Invitation, {
        id: newId('inv'),
        accountId: options.accountId,
        email,
        role: options.role,
        tokenHash: hash,
        invitedBy: inviter?.name ?? 'The SMS credits team',
        expiresAt: new Date(now.getTime() + this.config.INVITATION_TTL_HOURS * 3600_000),
        acceptedAt: null,
        revokedAt: null,
        createdAt: now,
      });
      await tx.flush();
      await this.outbox.add(tx, InvitationCreated, [
        {
          ...eventEnvelope(now.toISOString()),
          accountId: created.accountId,
          invitationId: created.id,
          email,
          role: created.role,
          invitedBy: created.invitedBy,
          acceptUrl: `${this.config.IDENTITY_PUBLIC_URL}/invitations/${secret}`,
          expiresAt: created.expiresAt.toISOString(),
        },
      ]);
      return created;
    });
    return this.view(invitation);
  }

  async list(accountId: string): Promise<InvitationView[]> {
    const invitations = await this.em
      .fork()
      .find(Invitation, { accountId }, { orderBy: { createdAt: 'desc' } });
    return invitations.map((invitation) => this.view(invitation));
  }

  async revoke(accountId: string, invitationId: string): Promise<InvitationView> {
    const em = this.em.fork();
    const invitation = await em.findOne(Invitation, { id: invitationId, accountId });
    if (invitation === null) {
      throw new NotFoundException(`No invitation ${invitationId} on account ${accountId}`);
    }
    if (invitation.acceptedAt !== null) {
      throw new ConflictException('The invitation was already accepted');
    }
    invitation.revokedAt ??= this.clock.now();
    await em.flush();
    return this.view(invitation);
  }

  // For the acceptance page: the invitation behind a link, if it can still be used.
  async open(secret: string): Promise<OpenInvitation> {
    const em = this.em.fork();
    const invitation = await em.findOne(Invitation, { tokenHash: hashLinkSecret(secret) });
    if (invitation === null || this.status(invitation) !== 'pending') {
      throw new GoneException('This invitation link is no longer valid. Ask for a new invitation.');
    }
    return { invitation, existingUser: await this.users.findByEmail(invitation.email, em) };
  }

  // Spends the link and creates the membership in one transaction: the link works exactly once, and
  // a failed password check leaves it unspent.
  async accept(
    secret: string,
    form: { name?: string; password: string },
  ): Promise<{ userId: string; accountId: string }> {
    const now = this.clock.now();
    return this.unitOfWork.run(async (tx) => {
      const spent = await tx.execute<{ id: string }[]>(
        `update identity.invitation set accepted_at = ?
         where token_hash = ? and accepted_at is null and revoked_at is null and expires_at > ?
         returning id`,
        [now, hashLinkSecret(secret), now],
      );
      if (spent.length === 0) {
        throw new GoneException('This invitation link is no longer valid. Ask for a new invitation.');
      }
      const invitation = await tx.findOneOrFail(Invitation, { id: spent[0].id });
      let user = await this.users.findByEmail(invitation.email, tx);
      if (user === null) {
        const name = (form.name ?? '').trim();
        if (name === '') {
          throw new BadRequestException('Please enter your name.');
        }
        const problem = passwordProblem(form.password, { email: invitation.email });
        if (problem !== undefined) {
          throw new BadRequestException(problem);
        }
        user = await this.users.create({ email: invitation.email, name, password: form.password }, tx);
      } else if (!(await this.users.checkPassword(user, form.password))) {
        throw new UnauthorizedException('Wrong password for this email address.');
      }
      await this.members.join(tx, {
        accountId: invitation.accountId,
        userId: user.id,
        role: invitation.role,
      });
      return { userId: user.id, accountId: invitation.accountId };
    });
  }

  private status(invitation: Invitation): InvitationView['status'] {
    if (invitation.acceptedAt !== null) {
      return 'accepted';
    }
    if (invitation.revokedAt !== null) {
      return 'revoked';
    }
    return invitation.expiresAt.getTime() <= this.clock.now().getTime() ? 'expired' : 'pending';
  }

  private view(invitation: Invitation): InvitationView {
    return {
      invitationId: invitation.id,
      accountId: invitation.accountId,
      email: invitation.email,
      role: invitation.role,
      invitedBy: invitation.invitedBy,
      expiresAt: invitation.expiresAt.toISOString(),
      status: this.status(invitation),
    };
  }
}
