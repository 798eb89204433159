import { formatCalendarDate, formatExpiry, formatInstant } from './formatting';

describe('email formatting', () => {
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
