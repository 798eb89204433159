import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

export interface GrantAccount {
  grantId: string;
  userId: string;
  accountId: string;
  operator: boolean;
}

// The credit account a person chose for one sign-in (an oidc-provider grant). Hand-written SQL: a
// key-value row written once and read on every token issued under the grant.
@Injectable()
export class GrantAccountRepository {
  constructor(private readonly em: EntityManager) {}

  async record(choice: GrantAccount & { expiresInSeconds: number }): Promise<void> {
    await this.em.getConnection().execute(
      `insert into identity.grant_account (grant_id, user_id, account_id, operator, expires_at)
       values (?, ?, ?, ?, now() + make_interval(secs => ?::int))
       on conflict (grant_id) do update set account_id = excluded.account_id, operator = excluded.operator`,
      [choice.grantId, choice.userId, choice.accountId, choice.operator, choice.expiresInSeconds],
    );
    await this.em.getConnection().execute('delete from identity.grant_account where expires_at < now()');
  }

  async find(grantId: string): Promise<GrantAccount | undefined> {
    const rows = await this.em
      .getConnection()
      .execute<{ grant_id: string; user_id: string; account_id: string; operator: boolean }[]>(
        'select grant_id, user_id, account_id, operator from identity.grant_account where grant_id = ?',
        [grantId],
      );
    const row = rows[0];
    return row === undefined
      ? undefined
      : { grantId: row.grant_id, userId: row.user_id, accountId: row.account_id, operator: row.operator };
  }
}
