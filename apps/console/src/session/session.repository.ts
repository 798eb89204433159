import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { SessionData } from './session';

interface SessionRow {
  data: SessionData;
}

// Sessions are one row each, read and written by key: plain SQL, no identity map to keep.
@Injectable()
export class SessionRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(input: { idHash: string; data: SessionData; expiresAt: Date }): Promise<void> {
    await this.em
      .getConnection()
      .execute('insert into console.session (id_hash, data, expires_at) values (?, ?::jsonb, ?)', [
        input.idHash,
        JSON.stringify(input.data),
        input.expiresAt,
      ]);
  }

  async findLive(idHash: string, now: Date): Promise<SessionData | null> {
    const [row] = await this.em
      .getConnection()
      .execute<SessionRow[]>('select data from console.session where id_hash = ? and expires_at > ?', [
        idHash,
        now,
      ]);
    return row?.data ?? null;
  }

  async update(idHash: string, data: SessionData): Promise<void> {
    await this.em
      .getConnection()
      .execute('update console.session set data = ?::jsonb, updated_at = now() where id_hash = ?', [
        JSON.stringify(data),
        idHash,
      ]);
  }

  async delete(idHash: string): Promise<void> {
    await this.em.getConnection().execute('delete from console.session where id_hash = ?', [idHash]);
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.em
      .getConnection()
      .execute<{ affectedRows?: number }>('delete from console.session where expires_at <= ?', [now], 'run');
    return result.affectedRows ?? 0;
  }
}
