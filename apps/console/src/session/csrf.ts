import { ForbiddenException } from '@nestjs/common';
import type { Request } from 'express';
import type { SessionData } from './session';
import { sameSecret } from './session-id';

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Two checks on every state-changing request: the browser says it comes from the console's own
// origin, and it carries the session's CSRF token, which only the console's pages can read (from
// /bff/session, same-origin). Either alone would stop a cross-site form; both cost nothing.
export function assertSameOriginWrite(request: Request, session: SessionData, publicUrl: string): void {
  if (SAFE_METHODS.has(request.method)) {
    return;
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== new URL(publicUrl).origin) {
    throw new ForbiddenException('Cross-origin request refused');
  }
  const token = request.headers[CSRF_HEADER];
  if (!sameSecret(session.csrfToken, typeof token === 'string' ? token : undefined)) {
    throw new ForbiddenException('Missing or wrong CSRF token');
  }
}
