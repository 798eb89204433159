import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { KEY_ENCRYPTION_KEY_BYTES } from '../config/key-encryption-key';

// Signing keys at rest: AES-256-GCM under the key-encryption key (IDENTITY_KEY_ENCRYPTION_KEY), so a
// copy of the identity schema (a backup, a replica, a dump) does not hold the keys that sign every
// token. The key id is authenticated data: a sealed key cannot be moved onto another row.

const VERSION = 'v1';
const IV_BYTES = 12; // the GCM nonce size NIST SP 800-38D recommends

export class KeyDecryptionError extends Error {}

export function sealPrivateJwk(options: { jwk: JWK; kid: string; kek: Buffer }): string {
  assertKek(options.kek);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', options.kek, iv);
  cipher.setAAD(Buffer.from(options.kid, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(options.jwk), 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map(encode).join('.');
}

export function openPrivateJwk(options: { sealed: string; kid: string; kek: Buffer }): JWK {
  assertKek(options.kek);
  const [version, iv, tag, ciphertext] = options.sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new KeyDecryptionError(`signing key ${options.kid} is not sealed in a format this version reads`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', options.kek, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(options.kid, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as JWK;
  } catch {
    // GCM says only "unable to authenticate": the key is wrong or the row was altered.
    throw new KeyDecryptionError(
      `IDENTITY_KEY_ENCRYPTION_KEY does not decrypt signing key ${options.kid}: it is not the key the signing keys were sealed with, or the row was altered`,
    );
  }
}

function assertKek(kek: Buffer): void {
  if (kek.length !== KEY_ENCRYPTION_KEY_BYTES) {
    throw new KeyDecryptionError(
      `a key-encryption key has ${KEY_ENCRYPTION_KEY_BYTES} bytes, not ${kek.length}`,
    );
  }
}

function encode(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}
