// Money travels as an integer in the currency's minor unit next to an ISO currency code; how many
// decimals the minor unit has comes from Intl (EUR 2, JPY 0, BHD 3).
export function minorUnitDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

// "€1,234.56" for 123456 EUR. The decimal string is built from the integer, so nothing is lost to
// floating point however large the amount.
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const digits = minorUnitDigits(currency);
  const negative = amountMinor < 0;
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const decimal =
    digits === 0 ? text : `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    `${negative ? '-' : ''}${decimal}` as `${number}`,
  );
}

// The price of one credit from a price per 1,000 credits in minor units, with enough decimals to
// show fractions of a cent ("€0.0085").
export function formatPricePerCredit(pricePer1000Minor: number, currency: string, locale?: string): string {
  const digits = minorUnitDigits(currency) + 3;
  const text = String(pricePer1000Minor).padStart(digits + 1, '0');
  const decimal = `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}`;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: minorUnitDigits(currency),
    maximumFractionDigits: digits,
  }).format(decimal as `${number}`);
}
