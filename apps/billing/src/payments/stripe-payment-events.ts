import type Stripe from 'stripe';
import type { PaymentFailedEvent, PaymentSucceededEvent } from '@sms/contracts';

export type PaymentOutcome =
  { kind: 'succeeded'; event: PaymentSucceededEvent } | { kind: 'failed'; event: PaymentFailedEvent };

// Billing puts its own ids in the PaymentIntent's metadata; an intent without them was not created by
// billing (another integration on the same Stripe account) and is ignored.
export function outcomeOfIntent(intent: Stripe.PaymentIntent, occurredAt: string): PaymentOutcome | null {
  const { paymentId, orderId, accountId } = intent.metadata ?? {};
  if (!paymentId || !orderId || !accountId) {
    return null;
  }
  const base = {
    schemaVersion: 1 as const,
    paymentId,
    orderId,
    accountId,
    amountMinor: intent.amount,
    currency: intent.currency.toUpperCase(),
    provider: 'stripe' as const,
    occurredAt,
  };
  if (intent.status === 'succeeded') {
    return { kind: 'succeeded', event: base };
  }
  const error = intent.last_payment_error;
  return {
    kind: 'failed',
    event: {
      ...base,
      code: failureCode(error?.code, error?.decline_code),
      reason: (error?.message ?? 'The payment failed').slice(0, 500),
    },
  };
}

export function failureCode(
  code: string | undefined,
  declineCode: string | undefined,
): PaymentFailedEvent['code'] {
  if (code === 'expired_card' || declineCode === 'expired_card') {
    return 'expired_card';
  }
  if (declineCode === 'insufficient_funds') {
    return 'insufficient_funds';
  }
  if (code === 'card_declined') {
    return 'card_declined';
  }
  return 'processing_error';
}
