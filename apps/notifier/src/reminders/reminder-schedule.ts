import { DateTime } from 'luxon';

// A reminder is due once per local day, from the configured local hour on, while a level stays
// below; the day the low-balance email went out counts as that day's notice. Returns the local date
// the reminder is for, or null when none is due.
export function reminderDueOn(options: {
  asOf: Date;
  timeZone: string;
  reminderHour: number;
  lastNoticeDate: string | null;
  belowSince: Date;
}): string | null {
  const local = DateTime.fromJSDate(options.asOf).setZone(options.timeZone);
  const today = local.toISODate();
  if (today === null || local.hour < options.reminderHour || options.belowSince > options.asOf) {
    return null;
  }
  if (options.lastNoticeDate !== null && options.lastNoticeDate >= today) {
    return null;
  }
  return today;
}
