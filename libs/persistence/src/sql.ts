// Bulk rows travel to PostgreSQL as one JSON parameter expanded with jsonb_to_recordset: one round
// trip for thousands of rows, and no driver quirks with array parameters.
export function jsonRows(rows: readonly object[]): string {
  return JSON.stringify(rows);
}

const NEEDS_ESCAPE = /["\\]/;

// One column of a bulk statement as a PostgreSQL array literal, for unnest($1::text[], $2::int[], …):
// cheaper for the server to read than JSON rows when every row has the same columns. Every element is
// quoted, so no value can be read as NULL or split; null and undefined become NULL.
export function pgArray(values: readonly (string | number | null | undefined)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) {
      literal += ',';
    }
    if (value === null || value === undefined) {
      literal += 'NULL';
      continue;
    }
    const text = String(value);
    literal += NEEDS_ESCAPE.test(text) ? `"${text.replace(/["\\]/g, '\\$&')}"` : `"${text}"`;
  }
  return `${literal}}`;
}

// Identifiers in hand-written SQL come from code, never from input; this guards against a typo
// turning into an injection.
export function sqlIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new Error(`Not a safe SQL identifier: ${name}`);
  }
  return name;
}
