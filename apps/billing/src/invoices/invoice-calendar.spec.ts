import { firstBusinessDay, invoiceDue } from './invoice-calendar';

describe(invoiceDue.name, () => {
  it('waits over a weekend month-start and issues on the Monday', () => {
    // 2026-08-01 is a Saturday.
    expect(invoiceDue(new Date('2026-08-01T09:00:00Z'), 'Europe/Rome')).toBeNull();
    expect(invoiceDue(new Date('2026-08-02T21:00:00Z'), 'Europe/Rome')).toBeNull();
    expect(invoiceDue(new Date('2026-08-03T08:00:00Z'), 'Europe/Rome')).toEqual({
      periodStart: '2026-07-01',
      periodEnd: '2026-07-31',
      from: '2026-06-30T22:00:00.000Z',
      to: '2026-07-31T22:00:00.000Z',
      issueDate: '2026-08-03',
    });
  });

  it("judges the day in the account's time zone", () => {
    // Sunday 23:30 UTC is already Monday in Rome, still Sunday in New York.
    expect(invoiceDue(new Date('2026-08-02T23:30:00Z'), 'Europe/Rome')?.issueDate).toBe('2026-08-03');
    expect(invoiceDue(new Date('2026-08-02T23:30:00Z'), 'America/New_York')).toBeNull();
  });

  it('issues on the first when the month starts on a weekday', () => {
    expect(firstBusinessDay(2026, 9, 'UTC').toISODate()).toBe('2026-09-01');
  });
});
