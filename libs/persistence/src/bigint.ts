const INT8_OID = 20;

// Credits and money are bigint columns, exact integers far below 2^53. They are read as JS numbers
// through this one door: exact, or the read fails loudly — never a rounded float.
export function readBigint(value: string | number | bigint): number {
  const n = typeof value === 'string' && !/^-?\d+$/.test(value) ? Number.NaN : Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Not an exact integer: ${String(value)}`);
  }
  return n;
}

// The ORM's connections read every bigint (columns, sum(...)::bigint, count(*)) through readBigint, so
// SQL needs no lossy float cast. MikroORM merges this into the pg type overrides it sets for dates,
// whose text-format parsers are keyed by type oid; pg clients outside the ORM are left alone.
export const exactBigintTypes = { text: { [INT8_OID]: readBigint } };
