import type Stripe from 'stripe';
import { failureCode, outcomeOfIntent } from './stripe-payment-events';

// Constructed after the PaymentIntent objects Stripe sends in payment_intent.* webhooks.
const intent = (overrides: Partial<Stripe.PaymentIntent>): Stripe.PaymentIntent =>
  ({
    id: 'pi_3Test',
    object: 'payment_intent',
    amount: 4500,
    currency: 'eur',
    status: 'succeeded',
    last_payment_error: null,
    metadata: { paymentId: 'pay_1', orderId: 'ord_1', accountId: 'acc-1' },
    ...overrides,
  }) as Stripe.PaymentIntent;

describe(outcomeOfIntent.name, () => {
  it('turns a succeeded intent into payment.succeeded in upper-case currency', () => {
    expect(outcomeOfIntent(intent({}), '2026-11-21T10:00:00.000Z')).toEqual({
      kind: 'succeeded',
      event: {
        schemaVersion: 1,
        paymentId: 'pay_1',
        orderId: 'ord_1',
        accountId: 'acc-1',
        amountMinor: 4500,
        currency: 'EUR',
        provider: 'stripe',
        occurredAt: '2026-11-21T10:00:00.000Z',
      },
    });
  });

  it('turns a failed intent into payment.failed with the decline reason', () => {
    const failed = outcomeOfIntent(
      intent({
        status: 'requires_payment_method',
        last_payment_error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
        },
      }),
      '2026-11-21T10:00:00.000Z',
    );
    expect(failed).toMatchObject({
      kind: 'failed',
      event: { code: 'insufficient_funds', reason: 'Your card has insufficient funds.' },
    });
  });

  it('ignores intents billing did not create', () => {
    expect(outcomeOfIntent(intent({ metadata: {} }), '2026-11-21T10:00:00.000Z')).toBeNull();
  });
});

describe(failureCode.name, () => {
  it('maps Stripe codes onto the contract codes', () => {
    expect(failureCode('expired_card', undefined)).toBe('expired_card');
    expect(failureCode('card_declined', 'generic_decline')).toBe('card_declined');
    expect(failureCode('processing_error', undefined)).toBe('processing_error');
  });
});
