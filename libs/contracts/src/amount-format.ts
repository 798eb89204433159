import { CREDIT_SCALE } from './fields';

// How people see amounts (emails, CSV, PDF, the console's tools): millicredits become credits and minor
// units become money. Amounts stay integers until the last step: the decimal string is built with
// BigInt and, where a locale is wanted, handed to Intl as a string, which formats it exactly.

// Credits as a plain decimal, no grouping, no trailing zeros: 1250 → "1.25" (CSV cells, logs).
export function creditsDecimal(millicredits: number): string {
  return trimZeros(decimalString(millicredits, CREDIT_SCALE));
}

// Credits grouped for a locale, up to three decimals: 1234500 → "1,234.5" in en-GB.
export function formatCredits(millicredits: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(
    decimalString(millicredits, CREDIT_SCALE) as Intl.StringNumericLiteral,
  );
}

// Money as a decimal with the currency's own number of decimals: 123450 EUR → "1234.50", 5000 JPY → "5000".
export function moneyDecimal(options: { minor: number; currency: string }): string {
  return decimalString(options.minor, 10 ** currencyDigits(options.currency));
}

// Money in a locale with its currency sign: 123450 EUR → "€1,234.50" in en-GB.
export function formatMoney(options: { minor: number; currency: string; locale: string }): string {
  return new Intl.NumberFormat(options.locale, { style: 'currency', currency: options.currency }).format(
    moneyDecimal(options) as Intl.StringNumericLiteral,
  );
}

function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

function decimalString(amount: number, scale: number): string {
  const value = BigInt(amount);
  const unit = BigInt(scale);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const width = String(scale).length - 1;
  const fraction = width > 0 ? `.${(magnitude % unit).toString().padStart(width, '0')}` : '';
  return `${negative ? '-' : ''}${(magnitude / unit).toString()}${fraction}`;
}

function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}
