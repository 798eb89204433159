// PostgreSQL returns bigint as a string; credits and minor units stay far below 2^53, so a JS number
// is exact. Refuse anything that is not.
export function exactNumber(value: string | number | null): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new Error(`Not an exact integer: ${String(value)}`);
  }
  return n;
}

export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
