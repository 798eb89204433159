import { formatCredits, formatWholeCredits } from './credits';

describe(formatCredits.name, () => {
  it('shows millicredits as credits with up to three decimals', () => {
    expect(formatCredits(12_345_500, 'en-US')).toBe('12,345.5');
    expect(formatCredits(1, 'en-US')).toBe('0.001');
    expect(formatCredits(0, 'en-US')).toBe('0');
  });

  it('keeps a deficit negative and follows the locale', () => {
    expect(formatCredits(-200_000, 'en-US')).toBe('-200');
    expect(formatCredits(1_234_567_250, 'de-DE')).toBe('1.234.567,25');
  });

  it('stays exact beyond what float division of a large amount would keep', () => {
    expect(formatCredits(9_007_199_254_740_991, 'en-US')).toBe('9,007,199,254,740.991');
  });

  it('formats whole credits from billing', () => {
    expect(formatWholeCredits(100_000, 'en-US')).toBe('100,000');
  });
});
