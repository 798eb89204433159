// Every credit amount from the services is an integer number of millicredits; people see credits.
export const MILLICREDITS_PER_CREDIT = 1000;

// "12,345.5": exact, since the fraction is built from the integer rather than by float division.
export function formatCredits(millicredits: number, locale?: string): string {
  const negative = millicredits < 0;
  const absolute = Math.abs(millicredits);
  const whole = Math.floor(absolute / MILLICREDITS_PER_CREDIT);
  const fraction = absolute % MILLICREDITS_PER_CREDIT;
  const decimal = `${negative ? '-' : ''}${whole}.${String(fraction).padStart(3, '0')}`;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(decimal as `${number}`);
}

// What people type and read in whole credits (quantities to buy, settings).
export function formatWholeCredits(credits: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(credits);
}

export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export function creditsToMillicredits(credits: number): number {
  return credits * MILLICREDITS_PER_CREDIT;
}

// For settings people type in whole credits (the services check they are whole).
export function millicreditsToCredits(millicredits: number): number {
  return millicredits / MILLICREDITS_PER_CREDIT;
}
