import { canTransition, isCancellable } from './order';

describe(canTransition.name, () => {
  it('lets an order go from awaiting payment to paid and then credited', () => {
    expect(canTransition('awaiting_payment', 'paid')).toBe(true);
    expect(canTransition('paid', 'credited')).toBe(true);
  });

  it('never leaves a terminal state', () => {
    for (const status of ['credited', 'failed', 'cancelled', 'declined'] as const) {
      expect(canTransition(status, 'paid')).toBe(false);
    }
  });

  it('does not skip the approval decision', () => {
    expect(canTransition('awaiting_approval', 'awaiting_payment')).toBe(false);
  });
});

describe(isCancellable.name, () => {
  it('cancels a bank transfer still awaiting the money but not a card charge in flight', () => {
    expect(isCancellable({ status: 'awaiting_payment', paymentKind: 'bank_transfer' })).toBe(true);
    expect(isCancellable({ status: 'awaiting_payment', paymentKind: 'card' })).toBe(false);
    expect(isCancellable({ status: 'scheduled', paymentKind: 'card' })).toBe(true);
  });
});
