import { DateTime } from 'luxon';
import { CREDIT_SCALE } from '@sms/contracts';

// Display formatting for emails. Amounts stay integers until the last step: the decimal string is
// built with BigInt and handed to Intl as a string, which formats it exactly (no floating point).

export function formatCredits(millicredits: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(
    decimalString(millicredits, CREDIT_SCALE) as unknown as number,
  );
}

export function formatCount(count: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(count);
}

export function formatMoney(options: { minor: number; currency: string; locale: string }): string {
  const format = new Intl.NumberFormat(options.locale, { style: 'currency', currency: options.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(decimalString(options.minor, 10 ** digits) as unknown as number);
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

function decimalString(amount: number, scale: number): string {
  const value = BigInt(amount);
  const unit = BigInt(scale);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = magnitude / unit;
  const fraction = magnitude % unit;
  const width = String(scale).length - 1;
  const fractionText = width > 0 ? `.${fraction.toString().padStart(width, '0')}` : '';
  return `${negative ? '-' : ''}${whole.toString()}${fractionText}`;
}
