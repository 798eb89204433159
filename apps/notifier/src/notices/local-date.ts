import { DateTime } from 'luxon';

// The calendar date of an instant in the account's time zone: the day a notice or reminder is for.
export function localDate(at: string | Date, timeZone: string): string {
  const instant = typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at);
  return instant.setZone(timeZone).toISODate() ?? instant.toUTC().toISODate() ?? '';
}
