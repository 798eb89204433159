import type { Payment } from '../payments/payment.repository';
import { checkOutcome } from './payment-outcome-check';

const requested = (overrides: Partial<Payment> = {}): Payment => ({
  id: 'pay_1',
  orderId: 'ord_1',
  accountId: 'acc-1',
  provider: 'stripe',
  paymentMethodId: 'pm_1',
  amountMinor: 4500,
  currency: 'EUR',
  status: 'pending',
  providerReference: null,
  ...overrides,
});

const outcome = {
  paymentId: 'pay_1',
  orderId: 'ord_1',
  accountId: 'acc-1',
  amountMinor: 4500,
  currency: 'EUR',
  provider: 'stripe',
};

describe(checkOutcome.name, () => {
  it('accepts the outcome of a pending payment billing requested, every detail equal', () => {
    expect(checkOutcome(requested(), outcome)).toBeNull();
  });

  it('refuses a payment id billing never requested', () => {
    expect(checkOutcome(undefined, outcome)).toMatchObject({ code: 'unknown_payment' });
  });

  it('names every detail that differs from the request', () => {
    const result = checkOutcome(requested(), {
      ...outcome,
      orderId: 'ord_2',
      accountId: 'acc-2',
      amountMinor: 1,
      currency: 'USD',
      provider: 'simulated',
    });
    expect(result?.code).toBe('mismatch');
    expect(result?.reason).toBe(
      'payment pay_1 does not match what billing requested: order ord_2 (expected ord_1), account acc-2 (expected acc-1), amount 1 (expected 4500), currency USD (expected EUR), provider simulated (expected stripe)',
    );
  });

  it('refuses an outcome for a payment that is already settled', () => {
    expect(checkOutcome(requested({ status: 'failed' }), outcome)).toEqual({
      code: 'not_pending',
      reason: 'payment pay_1 is already failed',
    });
  });
});
