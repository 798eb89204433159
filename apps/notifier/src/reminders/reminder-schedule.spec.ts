import { reminderDueOn } from './reminder-schedule';

const due = (asOf: string, lastNoticeDate: string | null, timeZone = 'Europe/Rome') =>
  reminderDueOn({
    asOf: new Date(asOf),
    timeZone,
    reminderHour: 9,
    lastNoticeDate,
    belowSince: new Date('2025-03-10T08:00:00Z'),
  });

describe(reminderDueOn.name, () => {
  it('is not due before the local reminder hour', () => {
    expect(due('2025-03-11T07:59:00Z', '2025-03-10')).toBeNull(); // 08:59 in Rome
  });

  it('is due from the local reminder hour on the day after the last notice', () => {
    expect(due('2025-03-11T08:00:00Z', '2025-03-10')).toBe('2025-03-11');
  });

  it('is not due twice on the same local day', () => {
    expect(due('2025-03-11T20:00:00Z', '2025-03-11')).toBeNull();
  });

  it("judges the day in the account's time zone", () => {
    // 23:30 UTC on the 11th is already 10:30 on the 12th in Auckland.
    expect(due('2025-03-11T23:30:00Z', '2025-03-11', 'Pacific/Auckland')).toBe('2025-03-12');
  });
});
