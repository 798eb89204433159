import { formatCalendarDate, formatCredits, formatExpiry, formatInstant, formatMoney } from './formatting';

describe('email formatting', () => {
  it('formats millicredits as credits with up to three decimals', () => {
    expect(formatCredits(987_500, 'en-GB')).toBe('987.5');
    expect(formatCredits(1_000_000, 'en-GB')).toBe('1,000');
    expect(formatCredits(-200_000, 'en-GB')).toBe('-200');
    expect(formatCredits(1, 'en-GB')).toBe('0.001');
  });

  it('formats the largest balances exactly', () => {
    expect(formatCredits(999_999_999_999_999, 'en-GB')).toBe('999,999,999,999.999');
  });

  it('formats money from minor units with the currency’s decimals', () => {
    expect(formatMoney({ minor: 123_450, currency: 'EUR', locale: 'en-GB' })).toBe('€1,234.50');
    expect(formatMoney({ minor: 5000, currency: 'JPY', locale: 'en-GB' })).toBe('JP¥5,000');
  });

  it("shows an instant in the account's time zone", () => {
    expect(formatInstant({ at: '2025-03-10T08:15:00Z', timeZone: 'Europe/Rome', locale: 'en-GB' })).toBe(
      '10 March 2025 at 09:15 CET',
    );
  });

  it('shows the last valid day for an expiry at local midnight', () => {
    expect(
      formatExpiry({ expiresAt: '2025-06-08T22:00:00Z', timeZone: 'Europe/Rome', locale: 'en-GB' }),
    ).toBe('8 June 2025');
  });

  it('shows a calendar date as it is', () => {
    expect(formatCalendarDate('2025-04-09', 'en-GB')).toBe('9 April 2025');
  });
});
