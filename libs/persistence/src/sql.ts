// Bulk rows travel to PostgreSQL as one JSON parameter expanded with jsonb_to_recordset: one round
// trip for thousands of rows, and no driver quirks with array parameters.
export function jsonRows(rows: readonly object[]): string {
  return JSON.stringify(rows);
}

// Identifiers in hand-written SQL come from code, never from input; this guards against a typo
// turning into an injection.
export function sqlIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new Error(`Not a safe SQL identifier: ${name}`);
  }
  return name;
}
