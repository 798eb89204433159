import { ConflictException, Injectable, Inject } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, type Clock } from '@sms/runtime';
import { newId, normalizeEmail } from './ids';
import { hashPassword, passwordMatches } from './password';
import { PlatformOperator } from './platform-operator.entity';
import { User } from './user.entity';

// People: who they are, their password and whether they run the platform.
@Injectable()
export class UserService {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.em.fork().findOne(User, { id });
  }

  findByEmail(email: string, em: EntityManager = this.em.fork()): Promise<User | null> {
    return em.findOne(User, { email: normalizeEmail(email) });
  }

  // Inside the caller's transaction when given; refuses an email that is taken.
  async create(
    person: { email: string; name: string; password?: string },
    em: EntityManager = this.em.fork(),
  ): Promise<User> {
    const email = normalizeEmail(person.email);
    if ((await em.count(User, { email })) > 0) {
      throw new ConflictException(`A user with email ${email} already exists`);
    }
    const user = em.create(User, {
      id: newId('usr'),
      email,
      name: person.name.trim(),
      passwordHash: person.password === undefined ? null : await hashPassword(person.password),
      createdAt: this.clock.now(),
      updatedAt: this.clock.now(),
    });
    await em.flush();
    return user;
  }

  async setPassword(userId: string, password: string, em: EntityManager = this.em.fork()): Promise<void> {
    const user = await em.findOneOrFail(User, { id: userId });
    user.passwordHash = await hashPassword(password);
    await em.flush();
  }

  checkPassword(user: User, password: string): Promise<boolean> {
    return passwordMatches(user.passwordHash, password);
  }

  async isOperator(userId: string): Promise<boolean> {
    return (await this.em.fork().count(PlatformOperator, { userId })) > 0;
  }

  async makeOperator(userId: string): Promise<void> {
    const em = this.em.fork();
    if ((await em.count(PlatformOperator, { userId })) === 0) {
      em.create(PlatformOperator, { userId, createdAt: this.clock.now() });
      await em.flush();
    }
  }
}
