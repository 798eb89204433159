import { CREDIT_SCALE } from '@sms/contracts';
import type { PriceList } from '../price-lists/price-list';

export interface TierPrice {
  credits: number;
  amountMinor: number;
  tier: { minCredits: number; maxCredits: number | null; pricePer1000Minor: number };
}

export class InvalidQuantityError extends Error {}

// Volume pricing: the whole order is priced at the tier its size reaches (the more credits bought at
// once, the lower the price per credit) [003][004]. Quantities are multiples of the purchase step
// [000]; the amount is rounded up to the minor unit, so it never depends on floating point.
export function priceCredits(list: PriceList, credits: number): TierPrice {
  if (!Number.isSafeInteger(credits) || credits < list.minCredits) {
    throw new InvalidQuantityError(
      `must be at least ${list.minCredits} credits (${list.minCredits * CREDIT_SCALE} millicredits)`,
    );
  }
  if (credits % list.purchaseStep !== 0) {
    throw new InvalidQuantityError(
      `must be a multiple of ${list.purchaseStep} credits (${list.purchaseStep * CREDIT_SCALE} millicredits)`,
    );
  }
  const tiers = [...list.tiers].sort((a, b) => a.minCredits - b.minCredits);
  const index = tiers.findLastIndex((tier) => tier.minCredits <= credits);
  if (index < 0) {
    throw new InvalidQuantityError(`no price tier covers ${credits} credits`);
  }
  const tier = tiers[index];
  const next = tiers[index + 1];
  return {
    credits,
    amountMinor: Math.ceil((credits * tier.pricePer1000Minor) / 1000),
    tier: {
      minCredits: tier.minCredits,
      maxCredits: next === undefined ? null : next.minCredits - 1,
      pricePer1000Minor: tier.pricePer1000Minor,
    },
  };
}

// Rounds a number of credits up to the next multiple of the purchase step.
export function roundUpToStep(credits: number, step: number): number {
  return Math.ceil(credits / step) * step;
}
