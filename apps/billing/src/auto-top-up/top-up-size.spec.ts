import { topUpCredits } from './top-up-size';

describe(topUpCredits.name, () => {
  const base = { thresholdCredits: 5_000, configuredCredits: 20_000, purchaseStep: 10_000 };

  it('buys the configured amount when it lifts the balance above the threshold', () => {
    expect(topUpCredits({ ...base, balanceMillicredits: 4_999_000 })).toBe(20_000);
  });

  it('buys more after a deep dip so one top-up is enough', () => {
    // 5,000 threshold, balance −30,000.5: shortfall 35,001, plus a step, rounded up to 50,000.
    expect(topUpCredits({ ...base, balanceMillicredits: -30_000_500 })).toBe(50_000);
  });

  it('never buys less than the configured amount', () => {
    expect(topUpCredits({ ...base, balanceMillicredits: 9_000_000 })).toBe(20_000);
  });
});
