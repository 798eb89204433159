import type Stripe from 'stripe';

export type MoneyBack =
  | {
      kind: 'refund';
      paymentIntentId: string;
      chargeId: string;
      refundedTotalMinor: number;
      currency: string;
    }
  | {
      kind: 'dispute_opened';
      paymentIntentId: string;
      disputeId: string;
      amountMinor: number;
      currency: string;
    }
  | {
      kind: 'dispute_won' | 'dispute_lost';
      paymentIntentId: string;
      disputeId: string;
      amountMinor: number;
      currency: string;
    };

// What a Stripe charge event means for an order's money. Stripe calls a dispute closed with status
// `won` or `lost`; `warning_closed` (an inquiry that never became a chargeback) took no money and
// counts as won.
export function moneyBackOf(event: Stripe.Event): MoneyBack | null {
  if (event.type === 'charge.refunded') {
    const charge = event.data.object;
    const paymentIntentId = idOf(charge.payment_intent);
    return paymentIntentId === null
      ? null
      : {
          kind: 'refund',
          paymentIntentId,
          chargeId: charge.id,
          refundedTotalMinor: charge.amount_refunded,
          currency: charge.currency.toUpperCase(),
        };
  }
  if (event.type !== 'charge.dispute.created' && event.type !== 'charge.dispute.closed') {
    return null;
  }
  const dispute = event.data.object;
  const paymentIntentId = idOf(dispute.payment_intent);
  if (paymentIntentId === null) {
    return null;
  }
  const base = {
    paymentIntentId,
    disputeId: dispute.id,
    amountMinor: dispute.amount,
    currency: dispute.currency.toUpperCase(),
  };
  if (event.type === 'charge.dispute.created') {
    return { kind: 'dispute_opened', ...base };
  }
  if (dispute.status === 'lost') {
    return { kind: 'dispute_lost', ...base };
  }
  return dispute.status === 'won' || dispute.status === 'warning_closed'
    ? { kind: 'dispute_won', ...base }
    : null;
}

function idOf(value: string | { id: string } | null): string | null {
  if (value === null) {
    return null;
  }
  return typeof value === 'string' ? value : value.id;
}
