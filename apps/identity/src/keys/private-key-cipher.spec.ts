import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { KeyDecryptionError, openPrivateJwk, sealPrivateJwk } from './private-key-cipher';

describe('private key cipher', () => {
  const privateJwk = async () =>
    exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);

  it('seals a private key so that the stored text holds none of it, and opens it with the same key', async () => {
    const jwk = await privateJwk();
    const kek = randomBytes(32);
    const sealed = sealPrivateJwk({ jwk, kid: 'k1', kek });
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(jwk.d as string);
    expect(sealed).not.toContain('"d"');
    expect(openPrivateJwk({ sealed, kid: 'k1', kek })).toEqual(jwk);
  });

  it('refuses a wrong key-encryption key with an error naming the setting, not a value', async () => {
    const kek = randomBytes(32);
    const wrong = randomBytes(32);
    const sealed = sealPrivateJwk({ jwk: await privateJwk(), kid: 'k1', kek });
    expect(() => openPrivateJwk({ sealed, kid: 'k1', kek: wrong })).toThrow(KeyDecryptionError);
    expect(() => openPrivateJwk({ sealed, kid: 'k1', kek: wrong })).toThrow(
      /IDENTITY_KEY_ENCRYPTION_KEY does not decrypt signing key k1/,
    );
    try {
      openPrivateJwk({ sealed, kid: 'k1', kek: wrong });
    } catch (error) {
      expect((error as Error).message).not.toContain(wrong.toString('hex'));
    }
  });

  it('refuses a sealed key moved onto another key id, or altered', async () => {
    const kek = randomBytes(32);
    const sealed = sealPrivateJwk({ jwk: await privateJwk(), kid: 'k1', kek });
    expect(() => openPrivateJwk({ sealed, kid: 'k2', kek })).toThrow(KeyDecryptionError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from(parts[3], 'base64url').reverse().toString('base64url');
    expect(() => openPrivateJwk({ sealed: parts.join('.'), kid: 'k1', kek })).toThrow(KeyDecryptionError);
  });
});
