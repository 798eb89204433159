import { DateTime } from 'luxon';

// Display formatting for emails; credits and money are formatted by @sms/contracts' amount-format.

export function formatCount(count: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(count);
}

// A calendar date (already judged in the account's time zone by whoever sent it), e.g. "10 March 2025".
export function formatCalendarDate(isoDate: string, locale: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).setLocale(locale).toLocaleString(DateTime.DATE_FULL);
}

// An instant shown in the account's time zone, e.g. "10 March 2025 at 09:00 CET".
export function formatInstant(options: { at: string | Date; timeZone: string; locale: string }): string {
  const at = typeof options.at === 'string' ? DateTime.fromISO(options.at) : DateTime.fromJSDate(options.at);
  return at.setZone(options.timeZone).setLocale(options.locale).toLocaleString(DateTime.DATETIME_FULL);
}

// The last day of validity for an expiry instant: a lot that expires at local midnight was last
// valid the day before.
export function formatExpiry(options: { expiresAt: string; timeZone: string; locale: string }): string {
  const local = DateTime.fromISO(options.expiresAt).setZone(options.timeZone);
  const lastDay = local.equals(local.startOf('day')) ? local.minus({ days: 1 }) : local;
  return lastDay.setLocale(options.locale).toLocaleString(DateTime.DATE_FULL);
}
