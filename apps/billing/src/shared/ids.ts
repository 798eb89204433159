import { randomBytes } from 'node:crypto';

// Opaque, prefixed identifiers: readable in logs, safe for the contracts' identifier pattern.
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}
