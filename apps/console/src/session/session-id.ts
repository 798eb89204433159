import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// 256 random bits: the cookie value. Only its hash is stored.
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

// Constant-time comparison, so a guessed token leaks nothing through timing.
export function sameSecret(expected: string, given: string | undefined): boolean {
  if (given === undefined) {
    return false;
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
