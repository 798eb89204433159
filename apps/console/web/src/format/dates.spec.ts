import { dayIn, formatDateTime, formatDay, nextDay } from './dates';

describe('dates in the account’s time zone', () => {
  const lateEveningInNewYork = '2026-03-01T03:30:00Z';

  it('shows an instant in the account’s zone, not the machine’s', () => {
    expect(formatDateTime(lateEveningInNewYork, 'America/New_York', 'en-US')).toBe('Feb 28, 2026, 10:30 PM');
    expect(formatDateTime(lateEveningInNewYork, 'Europe/Rome', 'en-US')).toBe('Mar 1, 2026, 4:30 AM');
  });

  it('knows which day it is where the account is', () => {
    expect(dayIn('America/New_York', new Date(lateEveningInNewYork))).toBe('2026-02-28');
    expect(dayIn('Asia/Tokyo', new Date(lateEveningInNewYork))).toBe('2026-03-01');
  });

  it('never moves a calendar day, whatever the zone', () => {
    expect(formatDay('2026-12-31', 'en-US')).toBe('Dec 31, 2026');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
