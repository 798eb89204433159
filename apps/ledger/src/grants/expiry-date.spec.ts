import { resolveExpiry } from './expiry-date';

describe(resolveExpiry.name, () => {
  it('ends a lot at midnight after its expiry day in Europe/Rome', () => {
    const expiry = resolveExpiry({
      rule: { kind: 'on', date: '2026-03-31' },
      defaultValidityDays: null,
      timeZone: 'Europe/Rome',
      grantedAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect(expiry?.expiresAt.toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });

  it('counts days from the grant date in the account time zone', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Rome.
    const expiry = resolveExpiry({
      rule: { kind: 'days', days: 90 },
      defaultValidityDays: null,
      timeZone: 'Europe/Rome',
      grantedAt: new Date('2025-12-31T23:30:00Z'),
    });
    expect(expiry?.expiryDate).toBe('2026-04-01');
  });

  it('uses the account default validity and never expires without one', () => {
    const base = { timeZone: 'UTC', grantedAt: new Date('2026-01-01T10:00:00Z') };
    expect(
      resolveExpiry({ ...base, rule: { kind: 'account_default' }, defaultValidityDays: 730 })?.expiryDate,
    ).toBe('2028-01-01');
    expect(
      resolveExpiry({ ...base, rule: { kind: 'account_default' }, defaultValidityDays: null }),
    ).toBeNull();
    expect(resolveExpiry({ ...base, rule: { kind: 'never' }, defaultValidityDays: 90 })).toBeNull();
  });
});
