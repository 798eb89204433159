import { BadRequestException, GoneException, Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { eventEnvelope, PasswordResetRequested } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { SessionRevocationRepository } from '../sessions/session-revocation.repository';
import { SignInService } from '../sign-in/sign-in.service';
import { hashLinkSecret, newLinkSecret } from '../users/ids';
import { passwordProblem } from '../users/password';
import { User } from '../users/user.entity';
import { UserService } from '../users/user.service';

// Password resets by email: a request makes a single-use, expiring link (announced by an event, the
// notifier sends it); using the link sets a new password, spends every other open link and ends every
// session and refresh token of the person, so whoever stole a session does not outlive the reset.
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly users: UserService,
    private readonly signIn: SignInService,
    private readonly sessions: SessionRevocationRepository,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // Answers the same whether or not the address has a user, so the form reveals no one's account.
  async request(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (user === null) {
      this.logger.log({ message: 'password reset for an unknown address ignored' });
      return;
    }
    const { secret, hash } = newLinkSecret();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.PASSWORD_RESET_TTL_MINUTES * 60_000);
    await this.unitOfWork.run(async (tx) => {
      await tx.execute(
        'insert into identity.password_reset (token_hash, user_id, expires_at, created_at) values (?, ?, ?, ?)',
        [hash, user.id, expiresAt, now],
      );
      await this.outbox.add(tx, PasswordResetRequested, [
        {
          ...eventEnvelope(now.toISOString()),
          userId: user.id,
          email: user.email,
          name: user.name,
          resetUrl: `${this.config.IDENTITY_PUBLIC_URL}/password-reset/${secret}`,
          expiresAt: expiresAt.toISOString(),
        },
      ]);
    });
  }

  async isUsable(secret: string): Promise<boolean> {
    const rows = await this.em
      .getConnection()
      .execute<{ user_id: string }[]>(
        'select user_id from identity.password_reset where token_hash = ? and used_at is null and expires_at > ?',
        [hashLinkSecret(secret), this.clock.now()],
      );
    return rows.length > 0;
  }

  // Spending the link and setting the password happen in one transaction; a refused password leaves
  // the link usable.
  async complete(secret: string, password: string): Promise<void> {
    const now = this.clock.now();
    const email = await this.unitOfWork.run(async (tx) => {
      const spent = await tx.execute<{ user_id: string }[]>(
        `update identity.password_reset set used_at = ?
         where token_hash = ? and used_at is null and expires_at > ? returning user_id`,
        [now, hashLinkSecret(secret), now],
      );
      if (spent.length === 0) {
        throw new GoneException('This password reset link is no longer valid. Ask for a new one.');
      }
      const user = await tx.findOneOrFail(User, { id: spent[0].user_id });
      const problem = passwordProblem(password, user);
      if (problem !== undefined) {
        throw new BadRequestException(problem);
      }
      await this.users.setPassword(user.id, password, tx);
      await tx.execute(
        'update identity.password_reset set used_at = ? where user_id = ? and used_at is null',
        [now, user.id],
      );
      const revoked = await this.sessions.revokeUser(tx, user.id);
      this.logger.log({ message: 'password reset: sessions revoked', userId: user.id, revoked });
      return user.email;
    });
    await this.signIn.forgetFailures(email);
  }
}
