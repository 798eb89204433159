import { DateTime } from 'luxon';

export type ExpiryRuleInput =
  | { kind: 'account_default' }
  | { kind: 'never' }
  | { kind: 'days'; days: number }
  | { kind: 'on'; date: string };

export interface LotExpiry {
  // Last valid day, in the account's time zone.
  expiryDate: string;
  // The instant it stops being valid: the end of that day in the account's time zone [002].
  expiresAt: Date;
}

export function resolveExpiry(options: {
  rule: ExpiryRuleInput;
  defaultValidityDays: number | null;
  timeZone: string;
  grantedAt: Date;
}): LotExpiry | null {
  const { rule } = options;
  switch (rule.kind) {
    case 'never':
      return null;
    case 'on':
      return endOfDay(rule.date, options.timeZone);
    case 'days':
      return afterDays(options.grantedAt, rule.days, options.timeZone);
    case 'account_default':
      return options.defaultValidityDays === null
        ? null
        : afterDays(options.grantedAt, options.defaultValidityDays, options.timeZone);
  }
}

function afterDays(from: Date, days: number, timeZone: string): LotExpiry {
  const date = DateTime.fromJSDate(from, { zone: timeZone }).plus({ days }).toISODate() as string;
  return endOfDay(date, timeZone);
}

export function endOfDay(date: string, timeZone: string): LotExpiry {
  const start = DateTime.fromISO(date, { zone: timeZone });
  if (!start.isValid) {
    throw new Error(`Invalid expiry date ${date} in ${timeZone}`);
  }
  return { expiryDate: date, expiresAt: start.plus({ days: 1 }).startOf('day').toJSDate() };
}
