import { keysToPublish } from './key-publication';

const at = (iso: string): Date => new Date(iso);

describe(keysToPublish.name, () => {
  const now = at('2026-01-01T12:00:00Z');

  it('puts the newest active key first, so it is the one that signs', () => {
    const keys = [
      { kid: 'old', createdAt: at('2025-12-01T00:00:00Z'), retiredAt: at('2026-01-01T11:59:00Z') },
      { kid: 'new', createdAt: at('2026-01-01T11:59:00Z'), retiredAt: null },
    ];
    expect(keysToPublish(keys, { now, longestTokenSeconds: 900 }).map((k) => k.kid)).toEqual(['new', 'old']);
  });

  it('keeps a retired key published while tokens it signed can still be valid', () => {
    const keys = [
      { kid: 'new', createdAt: at('2026-01-01T11:50:00Z'), retiredAt: null },
      { kid: 'recent', createdAt: at('2025-12-01T00:00:00Z'), retiredAt: at('2026-01-01T11:50:00Z') },
      { kid: 'gone', createdAt: at('2025-11-01T00:00:00Z'), retiredAt: at('2026-01-01T11:00:00Z') },
    ];
    // 900 s of token life plus the 120 s margin: retired at 11:50 stays until 12:07, at 11:00 until 11:17.
    expect(keysToPublish(keys, { now, longestTokenSeconds: 900 }).map((k) => k.kid)).toEqual([
      'new',
      'recent',
    ]);
  });
});
