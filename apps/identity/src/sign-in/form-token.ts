import { createHmac, timingSafeEqual } from 'node:crypto';

// Anti-forgery token for the sign-in forms: an HMAC of the interaction id under the cookie key.
// Another site can neither read it nor compute it, and the interaction cookie it pairs with is
// SameSite=Lax, so a cross-site POST arrives without the cookie and without a valid token.
export function formToken(key: string, interactionUid: string): string {
  return createHmac('sha256', key).update(`interaction:${interactionUid}`).digest('base64url');
}

export function formTokenValid(key: string, interactionUid: string, presented: unknown): boolean {
  if (typeof presented !== 'string') {
    return false;
  }
  const expected = Buffer.from(formToken(key, interactionUid));
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
