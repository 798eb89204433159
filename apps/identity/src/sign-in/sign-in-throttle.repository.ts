import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { afterFailure, type ThrottlePolicy, type ThrottleState } from './sign-in-throttle';

interface Row {
  key: string;
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
}

// Persisted, so a restart or another replica does not reset anyone's back-off. Hand-written SQL: a
// counter row per key, updated under its row lock so concurrent failures all count.
@Injectable()
export class SignInThrottleRepository {
  constructor(private readonly em: EntityManager) {}

  async states(keys: readonly string[]): Promise<Map<string, ThrottleState>> {
    const rows = await this.em
      .getConnection()
      .execute<Row[]>(
        `select key, failures, last_failure_at, locked_until from identity.sign_in_throttle where key in (${keys.map(() => '?').join(', ')})`,
        [...keys],
      );
    return new Map(rows.map((row) => [row.key, toState(row)]));
  }

  async recordFailure(key: string, now: Date, policy: ThrottlePolicy): Promise<ThrottleState> {
    return this.em.fork().transactional(async (tx) => {
      // A zero row first, so even the very first concurrent failures queue on one row lock.
      await tx.execute(
        `insert into identity.sign_in_throttle (key, failures, last_failure_at) values (?, 0, ?)
         on conflict (key) do nothing`,
        [key, now],
      );
      const rows = await tx.execute<Row[]>(
        'select key, failures, last_failure_at, locked_until from identity.sign_in_throttle where key = ? for update',
        [key],
      );
      const current = rows[0] === undefined || rows[0].failures === 0 ? undefined : toState(rows[0]);
      const next = afterFailure(current, now, policy);
      await tx.execute(
        `insert into identity.sign_in_throttle (key, failures, last_failure_at, locked_until, updated_at)
         values (?, ?, ?, ?, now())
         on conflict (key) do update set failures = excluded.failures, last_failure_at = excluded.last_failure_at,
           locked_until = excluded.locked_until, updated_at = now()`,
        [key, next.failures, next.lastFailureAt, next.lockedUntil],
      );
      return next;
    });
  }

  async clear(key: string): Promise<void> {
    await this.em.getConnection().execute('delete from identity.sign_in_throttle where key = ?', [key]);
  }
}

function toState(row: Row): ThrottleState {
  return {
    failures: row.failures,
    lastFailureAt: new Date(row.last_failure_at),
    lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
  };
}
