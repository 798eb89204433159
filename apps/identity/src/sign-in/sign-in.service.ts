import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/runtime';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { normalizeEmail } from '../users/ids';
import { hashPassword, passwordMatches } from '../users/password';
import type { User } from '../users/user.entity';
import { UserService } from '../users/user.service';
import { secondsLocked, type ThrottlePolicy } from './sign-in-throttle';
import { SignInThrottleRepository } from './sign-in-throttle.repository';

export type SignInResult =
  | { outcome: 'signed-in'; user: User }
  | { outcome: 'invalid' }
  | { outcome: 'locked'; retryAfterSeconds: number };

const emailKey = (email: string): string => `email:${normalizeEmail(email)}`;
const ipKey = (ip: string): string => `ip:${ip}`;

// Checks a password under the back-off rules. A locked email or IP is refused before the password is
// looked at, so guessing during a lock teaches nothing.
@Injectable()
export class SignInService {
  private readonly perEmail: ThrottlePolicy;
  private readonly perIp: ThrottlePolicy;
  // Compared against when the email is unknown, so both cases cost one argon2 verification.
  private readonly decoyHash = hashPassword('decoy password nobody has');

  constructor(
    private readonly users: UserService,
    private readonly throttle: SignInThrottleRepository,
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const common = {
      windowSeconds: config.SIGN_IN_FAILURE_WINDOW_SECONDS,
      lockSeconds: config.SIGN_IN_LOCK_SECONDS,
      maxLockSeconds: config.SIGN_IN_MAX_LOCK_SECONDS,
    };
    this.perEmail = { ...common, maxFailures: config.SIGN_IN_MAX_FAILURES_PER_EMAIL };
    this.perIp = { ...common, maxFailures: config.SIGN_IN_MAX_FAILURES_PER_IP };
  }

  async signIn(attempt: { email: string; password: string; ip: string }): Promise<SignInResult> {
    const now = this.clock.now();
    const keys = [emailKey(attempt.email), ipKey(attempt.ip)];
    const states = await this.throttle.states(keys);
    const locked = Math.max(...keys.map((key) => secondsLocked(states.get(key), now)));
    if (locked > 0) {
      return { outcome: 'locked', retryAfterSeconds: locked };
    }
    const user = await this.users.findByEmail(attempt.email);
    let ok = false;
    if (user === null) {
      await passwordMatches(await this.decoyHash, attempt.password);
    } else {
      ok = await this.users.checkPassword(user, attempt.password);
    }
    if (ok && user !== null) {
      await this.throttle.clear(keys[0]);
      return { outcome: 'signed-in', user };
    }
    const [byEmail, byIp] = await Promise.all([
      this.throttle.recordFailure(keys[0], now, this.perEmail),
      this.throttle.recordFailure(keys[1], now, this.perIp),
    ]);
    const nowLocked = Math.max(secondsLocked(byEmail, now), secondsLocked(byIp, now));
    return nowLocked > 0 ? { outcome: 'locked', retryAfterSeconds: nowLocked } : { outcome: 'invalid' };
  }

  // A successful password reset also lifts the lock on that address.
  async forgetFailures(email: string): Promise<void> {
    await this.throttle.clear(emailKey(email));
  }
}
