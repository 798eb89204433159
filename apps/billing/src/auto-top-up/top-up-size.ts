import { CREDIT_SCALE } from '@sms/contracts';
import { roundUpToStep } from '../pricing/tier-pricing';

// How many credits one automatic recharge buys: at least the configured amount, and enough to lift
// the balance above the threshold with one purchase step of headroom, so the debits that keep landing
// while the charge is in flight do not pull it straight back below (one top-up per dip).
export function topUpCredits(input: {
  thresholdCredits: number;
  balanceMillicredits: number;
  configuredCredits: number;
  purchaseStep: number;
}): number {
  const shortfall = Math.max(
    0,
    Math.ceil((input.thresholdCredits * CREDIT_SCALE - input.balanceMillicredits) / CREDIT_SCALE),
  );
  return Math.max(input.configuredCredits, roundUpToStep(shortfall + input.purchaseStep, input.purchaseStep));
}
