import { types } from 'pg';

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

// Every bigint the driver returns (columns, sum(...)::bigint, count(*)) goes through readBigint, so
// SQL never needs a lossy ::bigint cast. pg looks the parser up per value type, process-wide.
export function readBigintsExactly(): void {
  types.setTypeParser(INT8_OID, readBigint);
}
