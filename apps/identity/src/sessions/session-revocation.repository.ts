import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

// Ends what oidc-provider keeps for a person (sign-in sessions, grants, codes, refresh tokens) when
// their right to it ends: a new password, a removed membership, a revoked machine client. Access
// tokens are signed JWTs that no one stores; they run out within their short lifetime (minutes).
// Hand-written SQL on oidc-provider's key-value rows (OidcRecordRepository), in the caller's
// transaction so the change and the revocation commit together.
@Injectable()
export class SessionRevocationRepository {
  // Every session and grant of the person: oidc-provider's accountId is our user id.
  async revokeUser(tx: EntityManager, userId: string): Promise<number> {
    const removed = await tx.execute<{ id: string }[]>(
      `delete from identity.oidc_record
       where payload->>'accountId' = ?
          or grant_id in (select grant_id from identity.grant_account where user_id = ?)
       returning id`,
      [userId, userId],
    );
    await tx.execute('delete from identity.grant_account where user_id = ?', [userId]);
    return removed.length;
  }

  // The grants (and their codes and refresh tokens) under which the person acts for that account;
  // their sign-ins for other accounts stay.
  async revokeMembership(tx: EntityManager, options: { userId: string; accountId: string }): Promise<number> {
    const grants = 'select grant_id from identity.grant_account where user_id = ? and account_id = ?';
    const removed = await tx.execute<{ id: string }[]>(
      `delete from identity.oidc_record
       where grant_id in (${grants}) or (model = 'Grant' and id in (${grants}))
       returning id`,
      [options.userId, options.accountId, options.userId, options.accountId],
    );
    await tx.execute('delete from identity.grant_account where user_id = ? and account_id = ?', [
      options.userId,
      options.accountId,
    ]);
    return removed.length;
  }

  // Whatever oidc-provider stored for the client (its tokens are otherwise stateless JWTs).
  async revokeClient(tx: EntityManager, clientId: string): Promise<number> {
    const removed = await tx.execute<{ id: string }[]>(
      `delete from identity.oidc_record where payload->>'clientId' = ? returning id`,
      [clientId],
    );
    return removed.length;
  }
}
