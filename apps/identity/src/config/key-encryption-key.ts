// IDENTITY_KEY_ENCRYPTION_KEY seals the signing keys with AES-256-GCM, whose key is 32 bytes.
export const KEY_ENCRYPTION_KEY_BYTES = 32;

// The setting's value: 32 bytes as 64 hex digits or as base64 (standard or url-safe).
export function parseKeyEncryptionKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    return Buffer.from(trimmed, 'hex');
  }
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === KEY_ENCRYPTION_KEY_BYTES ? bytes : undefined;
  }
  return undefined;
}
