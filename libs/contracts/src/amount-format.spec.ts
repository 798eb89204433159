import { creditsDecimal, formatCredits, formatMoney, moneyDecimal } from './amount-format';

describe('amount formatting', () => {
  it('writes credits as a plain exact decimal', () => {
    expect(creditsDecimal(1_000)).toBe('1');
    expect(creditsDecimal(1_250)).toBe('1.25');
    expect(creditsDecimal(7)).toBe('0.007');
    expect(creditsDecimal(-2_500)).toBe('-2.5');
    expect(creditsDecimal(0)).toBe('0');
    expect(creditsDecimal(10_000_000)).toBe('10000');
  });

  it('formats millicredits as credits with up to three decimals in a locale', () => {
    expect(formatCredits(987_500, 'en-GB')).toBe('987.5');
    expect(formatCredits(1_000_000, 'en-GB')).toBe('1,000');
    expect(formatCredits(-200_000, 'en-GB')).toBe('-200');
    expect(formatCredits(1, 'en-US')).toBe('0.001');
    expect(formatCredits(12_345_500, 'it-IT')).toBe('12.345,5');
  });

  it('formats the largest balances exactly', () => {
    expect(formatCredits(999_999_999_999_999, 'en-GB')).toBe('999,999,999,999.999');
    expect(creditsDecimal(999_999_999_999_999)).toBe('999999999999.999');
  });

  it("writes money with the currency's own decimals", () => {
    expect(moneyDecimal({ minor: 123_450, currency: 'EUR' })).toBe('1234.50');
    expect(moneyDecimal({ minor: -5, currency: 'EUR' })).toBe('-0.05');
    expect(moneyDecimal({ minor: 5000, currency: 'JPY' })).toBe('5000');
  });

  it('formats money in a locale with its sign', () => {
    expect(formatMoney({ minor: 123_450, currency: 'EUR', locale: 'en-GB' })).toBe('€1,234.50');
    expect(formatMoney({ minor: 5000, currency: 'JPY', locale: 'en-GB' })).toBe('JP¥5,000');
  });
});
