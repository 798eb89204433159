import { randomBytes } from 'node:crypto';
import { parseKeyEncryptionKey } from './key-encryption-key';

describe('key-encryption key setting', () => {
  it('reads a key-encryption key of 32 bytes as hex or base64, and nothing shorter', () => {
    const bytes = randomBytes(32);
    expect(parseKeyEncryptionKey(bytes.toString('hex'))).toEqual(bytes);
    expect(parseKeyEncryptionKey(bytes.toString('base64'))).toEqual(bytes);
    expect(parseKeyEncryptionKey(bytes.toString('base64url'))).toEqual(bytes);
    expect(parseKeyEncryptionKey(randomBytes(16).toString('hex'))).toBeUndefined();
    expect(parseKeyEncryptionKey('a passphrase is not a key')).toBeUndefined();
  });
});
