import { localDate } from './local-date';

describe(localDate.name, () => {
  it("gives the calendar day in the account's time zone", () => {
    expect(localDate('2025-03-10T23:30:00Z', 'Europe/Rome')).toBe('2025-03-11');
  });
});
