import { Inject, Injectable } from '@nestjs/common';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import type { SessionData } from './session';
import { hashSessionId, newCsrfToken, newSessionId } from './session-id';
import { SessionRepository } from './session.repository';

export interface LoadedSession {
  id: string;
  data: SessionData;
}

// Server-side sessions: the browser holds only a random id in an httpOnly cookie.
@Injectable()
export class SessionService {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly sessions: SessionRepository,
  ) {}

  async create(data: Omit<SessionData, 'csrfToken'>): Promise<LoadedSession> {
    const id = newSessionId();
    const full: SessionData = { ...data, csrfToken: newCsrfToken() };
    await this.sessions.insert({
      idHash: hashSessionId(id),
      data: full,
      expiresAt: new Date(Date.now() + this.ttlMs),
    });
    return { id, data: full };
  }

  async load(id: string | undefined): Promise<LoadedSession | null> {
    if (id === undefined || id.length === 0 || id.length > 100) {
      return null;
    }
    const data = await this.sessions.findLive(hashSessionId(id), new Date());
    return data === null ? null : { id, data };
  }

  async save(session: LoadedSession): Promise<void> {
    await this.sessions.update(hashSessionId(session.id), session.data);
  }

  // A new id once someone signs in, so an id planted before sign-in is worth nothing after it.
  async rotate(session: LoadedSession, data: Omit<SessionData, 'csrfToken'>): Promise<LoadedSession> {
    await this.destroy(session.id);
    return this.create(data);
  }

  async destroy(id: string): Promise<void> {
    await this.sessions.delete(hashSessionId(id));
  }

  get ttlMs(): number {
    return this.config.SESSION_TTL_HOURS * 3_600_000;
  }
}
