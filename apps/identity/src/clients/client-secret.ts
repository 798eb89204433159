import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Client secrets are 256 random bits, so a single SHA-256 is enough to store them: there is nothing
// to guess that a slow hash would protect (RFC 6819 §5.1.4.1.3 asks for hashed secrets).
export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashClientSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

export function clientSecretMatches(storedHash: string, presented: string): boolean {
  const expected = Buffer.from(storedHash, 'utf8');
  const actual = Buffer.from(hashClientSecret(presented), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
