import { clientSecretMatches, generateClientSecret, hashClientSecret } from './client-secret';

describe('client secrets', () => {
  it('stores a hash that matches the secret and nothing else', () => {
    const secret = generateClientSecret();
    const stored = hashClientSecret(secret);
    expect(stored).not.toContain(secret);
    expect(clientSecretMatches(stored, secret)).toBe(true);
    expect(clientSecretMatches(stored, `${secret}x`)).toBe(false);
    expect(clientSecretMatches(stored, stored)).toBe(false);
  });

  it('generates a different 256-bit secret each time', () => {
    const a = generateClientSecret();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(generateClientSecret()).not.toBe(a);
  });
});
