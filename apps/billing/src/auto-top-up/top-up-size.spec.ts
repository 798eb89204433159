import { belowThreshold, topUpCredits } from './top-up-size';

describe(topUpCredits.name, () => {
  it('buys exactly the configured amount when the purchase step divides it', () => {
    expect(topUpCredits({ configuredCredits: 10_000, purchaseStep: 10_000 })).toBe(10_000);
    expect(topUpCredits({ configuredCredits: 20_000, purchaseStep: 10_000 })).toBe(20_000);
  });

  it('rounds up to the purchase step only when the step requires it', () => {
    expect(topUpCredits({ configuredCredits: 15_000, purchaseStep: 10_000 })).toBe(20_000);
  });
});

describe(belowThreshold.name, () => {
  it('is below by a single millicredit and not at the threshold itself', () => {
    expect(belowThreshold({ balanceMillicredits: 4_999_999, thresholdCredits: 5_000 })).toBe(true);
    expect(belowThreshold({ balanceMillicredits: 5_000_000, thresholdCredits: 5_000 })).toBe(false);
  });
});
