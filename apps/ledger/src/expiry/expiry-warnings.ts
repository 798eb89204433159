import { DateTime } from 'luxon';

// Warnings go out this many days before a lot's last valid day, so the notifier can warn before,
// not after.
export const EXPIRY_WARNING_DAYS = [30, 7, 1] as const;

// Calendar days from the day `asOf` falls on in the account's time zone to the lot's last valid day
// [002: the day of expiry is judged in the account's time zone]: 1 on the day before it, 0 on the day
// itself. Counting 24-hour periods to the expiry instant instead would warn a day late.
export function calendarDaysLeft(input: { asOf: Date; expiryDate: string; timeZone: string }): number {
  const today = DateTime.fromJSDate(input.asOf, { zone: input.timeZone }).startOf('day');
  const lastDay = DateTime.fromISO(input.expiryDate, { zone: input.timeZone }).startOf('day');
  return Math.round(lastDay.diff(today, 'days').days);
}

// The warnings a lot is due for with this many days left (each is sent once; a lot granted late
// is due for several at once and gets only the nearest).
export function warningsDue(daysLeft: number): number[] {
  return daysLeft < 0 ? [] : EXPIRY_WARNING_DAYS.filter((days) => daysLeft <= days);
}
