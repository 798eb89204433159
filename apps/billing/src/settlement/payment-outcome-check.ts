import type { Payment } from '../payments/payment.repository';

export type OutcomeRejectionCode = 'unknown_payment' | 'mismatch' | 'not_pending';

export interface ReportedOutcome {
  paymentId: string;
  orderId: string;
  accountId: string;
  amountMinor: number;
  currency: string;
  provider: string;
}

// An outcome on Kafka is only a claim: it settles a payment billing itself requested, still pending,
// and only when every detail agrees with what billing asked for. Anything else (a forged event, a
// bank transfer "paid" by a bare event, a replay after settlement) is refused with the reason.
export function checkOutcome(
  payment: Payment | undefined,
  outcome: ReportedOutcome,
): { code: OutcomeRejectionCode; reason: string } | null {
  if (payment === undefined) {
    return {
      code: 'unknown_payment',
      reason: `unknown payment ${outcome.paymentId}: billing did not request it`,
    };
  }
  const differences = [
    ['order', payment.orderId, outcome.orderId],
    ['account', payment.accountId, outcome.accountId],
    ['amount', payment.amountMinor, outcome.amountMinor],
    ['currency', payment.currency, outcome.currency],
    ['provider', payment.provider, outcome.provider],
  ]
    .filter(([, expected, reported]) => expected !== reported)
    .map(([field, expected, reported]) => `${field} ${String(reported)} (expected ${String(expected)})`);
  if (differences.length > 0) {
    return {
      code: 'mismatch',
      reason: `payment ${outcome.paymentId} does not match what billing requested: ${differences.join(', ')}`,
    };
  }
  if (payment.status !== 'pending') {
    return { code: 'not_pending', reason: `payment ${outcome.paymentId} is already ${payment.status}` };
  }
  return null;
}
