import { formatMoney, formatPricePerCredit, minorUnitDigits } from './money';

describe(formatMoney.name, () => {
  it('reads minor units with the currency’s own number of decimals', () => {
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(formatMoney(123_456, 'EUR', 'en-US')).toBe('€1,234.56');
    expect(formatMoney(1_500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney(5, 'USD', 'en-US')).toBe('$0.05');
  });

  it('follows the locale and keeps refunds negative', () => {
    expect(formatMoney(123_456, 'EUR', 'it-IT')).toBe('1234,56\u00a0€');
    expect(formatMoney(-999, 'USD', 'en-US')).toBe('-$9.99');
  });
});

describe(formatPricePerCredit.name, () => {
  it('shows fractions of a cent per credit from a price per 1,000 credits', () => {
    expect(formatPricePerCredit(850, 'EUR', 'en-US')).toBe('€0.0085');
    expect(formatPricePerCredit(1_000, 'EUR', 'en-US')).toBe('€0.01');
  });
});
