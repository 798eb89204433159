import { hashSessionId, newCsrfToken, newSessionId, sameSecret } from './session-id';

describe('session ids and CSRF tokens', () => {
  it('makes a different 256-bit id each time and stores only a hash of it', () => {
    const a = newSessionId();
    const b = newSessionId();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(hashSessionId(a)).not.toContain(a);
    expect(hashSessionId(a)).toBe(hashSessionId(a));
  });

  it('accepts only the exact CSRF token', () => {
    const token = newCsrfToken();
    expect(sameSecret(token, token)).toBe(true);
    expect(sameSecret(token, `${token}x`)).toBe(false);
    expect(
      sameSecret(
        token,
        token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')),
      ),
    ).toBe(false);
    expect(sameSecret(token, undefined)).toBe(false);
  });
});
