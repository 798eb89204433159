import type { PriceList } from '../price-lists/price-list';
import { InvalidQuantityError, priceCredits, roundUpToStep } from './tier-pricing';

const eur = (): PriceList => ({
  currency: 'EUR',
  purchaseStep: 10_000,
  minCredits: 10_000,
  tiers: [
    { minCredits: 100_000, pricePer1000Minor: 400 },
    { minCredits: 10_000, pricePer1000Minor: 450 },
    { minCredits: 1_000_000, pricePer1000Minor: 300 },
    { minCredits: 500_000, pricePer1000Minor: 350 },
  ],
  packs: [],
});

describe(priceCredits.name, () => {
  it('prices the last quantity below a tier edge at the lower tier', () => {
    const price = priceCredits(eur(), 90_000);
    expect(price.tier).toEqual({ minCredits: 10_000, maxCredits: 99_999, pricePer1000Minor: 450 });
    expect(price.amountMinor).toBe(40_500);
  });

  it('prices a quantity exactly at a tier edge at that tier', () => {
    const price = priceCredits(eur(), 100_000);
    expect(price.tier).toEqual({ minCredits: 100_000, maxCredits: 499_999, pricePer1000Minor: 400 });
    expect(price.amountMinor).toBe(40_000);
  });

  it('prices the top tier with no upper bound', () => {
    expect(priceCredits(eur(), 1_000_000)).toMatchObject({
      amountMinor: 300_000,
      tier: { minCredits: 1_000_000, maxCredits: null },
    });
    expect(priceCredits(eur(), 990_000).tier.pricePer1000Minor).toBe(350);
  });

  it('rounds a fractional minor amount up', () => {
    const list = { ...eur(), purchaseStep: 1, minCredits: 1 };
    expect(priceCredits(list, 10_001).amountMinor).toBe(4501);
  });

  it('refuses quantities off the purchase step or below the minimum', () => {
    expect(() => priceCredits(eur(), 15_000)).toThrow(InvalidQuantityError);
    expect(() => priceCredits(eur(), 0)).toThrow('at least 10000');
  });
});

describe(roundUpToStep.name, () => {
  it('keeps multiples and rounds anything else up', () => {
    expect(roundUpToStep(20_000, 10_000)).toBe(20_000);
    expect(roundUpToStep(20_001, 10_000)).toBe(30_000);
  });
});
