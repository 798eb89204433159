import { DateTime } from 'luxon';

export interface InvoicePeriod {
  // Inclusive local dates of the month invoiced.
  periodStart: string;
  periodEnd: string;
  // The same month as instants: [from, to).
  from: string;
  to: string;
  // The local day the invoice is issued, and the year its number belongs to.
  issueDate: string;
}

// First Monday-to-Friday day of a month (public holidays are not modelled).
export function firstBusinessDay(year: number, month: number, timeZone: string): DateTime {
  let day = DateTime.fromObject({ year, month, day: 1 }, { zone: timeZone });
  while (day.weekday > 5) {
    day = day.plus({ days: 1 });
  }
  return day;
}

// Invoices for a month are issued on the first business day of the next month, in the account's time
// zone [003]. Returns the month to invoice when asOf is on or after that day (a job that missed the
// day catches up), or null before it.
export function invoiceDue(asOf: Date, timeZone: string): InvoicePeriod | null {
  const local = DateTime.fromJSDate(asOf, { zone: timeZone });
  const issueDay = firstBusinessDay(local.year, local.month, timeZone);
  if (local.startOf('day') < issueDay) {
    return null;
  }
  const monthStart = local.startOf('month').minus({ months: 1 });
  const monthEnd = monthStart.endOf('month');
  return {
    periodStart: monthStart.toISODate() as string,
    periodEnd: monthEnd.toISODate() as string,
    from: monthStart.toUTC().toISO() as string,
    to: monthStart.plus({ months: 1 }).toUTC().toISO() as string,
    issueDate: local.toISODate() as string,
  };
}
