import { CREDIT_SCALE } from '@sms/contracts';

export interface PaidOrder {
  credits: number;
  amountMinor: number;
}

// The credits a part of an order's money stands for, rounded down to the millicredit. BigInt because
// credits × minor units can pass 2^53 on the largest orders.
export function millicreditsFor(order: PaidOrder, partMinor: number): number {
  if (order.amountMinor === 0) {
    return 0;
  }
  const part = Math.min(partMinor, order.amountMinor);
  return Number((BigInt(order.credits * CREDIT_SCALE) * BigInt(part)) / BigInt(order.amountMinor));
}

// Stripe reports the total refunded so far on a charge; a refund takes back the credits for the new
// part, computed on the totals so that partial refunds add up exactly to the whole order. Never more
// than what is still on the order (a dispute may already have taken some back).
export function refundReversal(input: {
  order: PaidOrder;
  refundedBeforeMinor: number;
  refundedTotalMinor: number;
  reversedSoFarMillicredits: number;
}): number {
  const due =
    millicreditsFor(input.order, input.refundedTotalMinor) -
    millicreditsFor(input.order, input.refundedBeforeMinor);
  return clamp(due, input.order, input.reversedSoFarMillicredits);
}

// A dispute takes back the credits for the disputed amount when it opens (Stripe withdraws the money
// then); a dispute won gives back exactly what it took.
export function disputeReversal(input: {
  order: PaidOrder;
  disputedMinor: number;
  reversedSoFarMillicredits: number;
}): number {
  return clamp(
    millicreditsFor(input.order, input.disputedMinor),
    input.order,
    input.reversedSoFarMillicredits,
  );
}

function clamp(due: number, order: PaidOrder, reversedSoFar: number): number {
  return Math.max(0, Math.min(due, order.credits * CREDIT_SCALE - reversedSoFar));
}
