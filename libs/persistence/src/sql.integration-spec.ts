import { Client } from 'pg';
import { createTestDatabase } from '@sms/testing';
import { pgArray } from './sql';

describe(pgArray.name, () => {
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: await createTestDatabase('persistence') });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
  });

  it('brings awkward text back from PostgreSQL exactly as it went in', async () => {
    const values = [
      'NULL',
      'null',
      'a,b',
      'q"uote',
      'back\\slash',
      ' spaced ',
      '{braces}',
      '',
      'ünï 😀',
      null,
      undefined,
    ];
    const { rows } = await db.query<{ value: string | null }>(
      'select value from unnest($1::text[]) with ordinality as t(value, n) order by n',
      [pgArray(values)],
    );
    expect(rows.map((r) => r.value)).toEqual(values.map((v) => v ?? null));
  });

  it('reads numbers and timestamps as their column types', async () => {
    const { rows } = await db.query<{ n: string; at: Date }>(
      'select n::text, at from unnest($1::bigint[], $2::timestamptz[]) as t(n, at)',
      [
        pgArray([9_007_199_254_740_991, -5]),
        pgArray(['2026-11-21T10:00:00.000Z', '2026-11-21T12:00:00+02:00']),
      ],
    );
    expect(rows.map((r) => r.n)).toEqual(['9007199254740991', '-5']);
    expect(rows.map((r) => r.at.toISOString())).toEqual([
      '2026-11-21T10:00:00.000Z',
      '2026-11-21T10:00:00.000Z',
    ]);
  });
});
