import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';

// Signing keys at rest: AES-256-GCM under the key-encryption key (IDENTITY_KEY_ENCRYPTION_KEY), so a
// copy of the identity schema (a backup, a replica, a dump) does not hold the keys that sign every
// token. The key id is authenticated data: a sealed key cannot be moved onto another row.

const VERSION = 'v1';
const IV_BYTES = 12; // the GCM nonce size NIST SP 800-38D recommends
const KEY_BYTES = 32;

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

// The setting's value: 32 bytes as 64 hex digits or as base64 (standard or url-safe).
export function parseKeyEncryptionKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    return Buffer.from(trimmed, 'hex');
  }
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === KEY_BYTES ? bytes : undefined;
  }
  return undefined;
}

function assertKek(kek: Buffer): void {
  if (kek.length !== KEY_BYTES) {
    throw new KeyDecryptionError(`a key-encryption key has ${KEY_BYTES} bytes, not ${kek.length}`);
  }
}

function encode(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}
