import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

export interface OidcPayload {
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
  [key: string]: unknown;
}

// oidc-provider's records (sessions, interactions, grants, codes, refresh tokens) as JSON rows keyed
// by model and id. Hand-written SQL: each call is one statement on a key-value row, and consume must
// be a single conditional update so a code or refresh token is spent once.
@Injectable()
export class OidcRecordRepository {
  constructor(private readonly em: EntityManager) {}

  async upsert(model: string, id: string, payload: OidcPayload, expiresInSeconds?: number): Promise<void> {
    await this.sql(
      `insert into identity.oidc_record (model, id, payload, grant_id, uid, user_code, expires_at)
       values (?, ?, ?::jsonb, ?, ?, ?, case when ?::int is null then null else now() + make_interval(secs => ?::int) end)
       on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id,
         uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`,
      [
        model,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.uid ?? null,
        payload.userCode ?? null,
        expiresInSeconds ?? null,
        expiresInSeconds ?? null,
      ],
    );
  }

  async find(
    model: string,
    column: 'id' | 'uid' | 'user_code',
    value: string,
  ): Promise<OidcPayload | undefined> {
    const rows = await this.sql<{ payload: OidcPayload; consumed: number | null }>(
      `select payload, extract(epoch from consumed_at)::int as consumed from identity.oidc_record
       where model = ? and ${column} = ? and (expires_at is null or expires_at > now())`,
      [model, value],
    );
    const row = rows[0];
    if (row === undefined) {
      return undefined;
    }
    return row.consumed === null ? row.payload : { ...row.payload, consumed: row.consumed };
  }

  async consume(model: string, id: string): Promise<void> {
    await this.sql(
      'update identity.oidc_record set consumed_at = now() where model = ? and id = ? and consumed_at is null',
      [model, id],
    );
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.sql('delete from identity.oidc_record where model = ? and id = ?', [model, id]);
  }

  // Revoking a grant removes every token and code issued under it, whatever the model.
  async revokeByGrantId(grantId: string): Promise<void> {
    await this.sql('delete from identity.oidc_record where grant_id = ?', [grantId]);
  }

  async deleteExpired(): Promise<number> {
    const rows = await this.sql<{ id: string }>(
      'delete from identity.oidc_record where expires_at < now() returning id',
      [],
    );
    return rows.length;
  }

  private sql<T>(query: string, params: unknown[]): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(query, params, 'all');
  }
}
