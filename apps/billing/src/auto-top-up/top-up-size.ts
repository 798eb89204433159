import { CREDIT_SCALE } from '@sms/contracts';
import { roundUpToStep } from '../pricing/tier-pricing';

// What one automatic recharge buys: exactly the credits the customer set [001][003], rounded up to
// the purchase step only when the price list's step no longer divides them. A dip deeper than one
// recharge is met by the next recharge once this one lands, so no single charge is larger than the
// setting and each one counts toward the 30-day limit.
export function topUpCredits(input: { configuredCredits: number; purchaseStep: number }): number {
  return roundUpToStep(input.configuredCredits, input.purchaseStep);
}

// Whether a balance still calls for a recharge under the customer's threshold.
export function belowThreshold(input: { balanceMillicredits: number; thresholdCredits: number }): boolean {
  return input.balanceMillicredits < input.thresholdCredits * CREDIT_SCALE;
}
