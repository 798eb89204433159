import { createHash, randomBytes } from 'node:crypto';

// Opaque identifiers with a readable prefix (usr_, inv_, gw_): random, so they reveal no count.
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

// A single-use secret for a link (invitation, password reset) and the hash we keep of it.
export function newLinkSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashLinkSecret(secret) };
}

export function hashLinkSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
