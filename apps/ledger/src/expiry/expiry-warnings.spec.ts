import { calendarDaysLeft, warningsDue } from './expiry-warnings';

describe(calendarDaysLeft.name, () => {
  const lastDay = { expiryDate: '2028-06-30', timeZone: 'America/Los_Angeles' };

  it('counts the day before the last valid day as 1 from any hour of it in the account time zone', () => {
    expect(calendarDaysLeft({ ...lastDay, asOf: new Date('2028-06-29T07:00:00Z') })).toBe(1);
    expect(calendarDaysLeft({ ...lastDay, asOf: new Date('2028-06-30T06:59:00Z') })).toBe(1);
  });

  it('counts the last valid day itself as 0', () => {
    expect(calendarDaysLeft({ ...lastDay, asOf: new Date('2028-06-30T16:00:00Z') })).toBe(0);
  });

  it('counts 30 calendar days across a daylight saving change', () => {
    const autumn = { expiryDate: '2028-11-30', timeZone: 'America/Los_Angeles' };
    expect(calendarDaysLeft({ ...autumn, asOf: new Date('2028-10-31T16:00:00Z') })).toBe(30);
  });
});

describe(warningsDue.name, () => {
  it('is due for the thresholds the days left have reached', () => {
    expect(warningsDue(31)).toEqual([]);
    expect(warningsDue(30)).toEqual([30]);
    expect(warningsDue(7)).toEqual([30, 7]);
    expect(warningsDue(1)).toEqual([30, 7, 1]);
    expect(warningsDue(0)).toEqual([30, 7, 1]);
    expect(warningsDue(-1)).toEqual([]);
  });
});
