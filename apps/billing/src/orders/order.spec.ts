import { canTransition, isCancellable } from './order';

describe(canTransition.name, () => {
  it('lets an order go from awaiting payment to paid and then credited', () => {
    expect(canTransition('awaiting_payment', 'paid')).toBe(true);
    expect(canTransition('paid', 'credited')).toBe(true);
  });

  it('never leaves a terminal state', () => {
    for (const status of [
      'credited',
      'failed',
      'cancelled',
      'declined',
      'refunded',
      'charged_back',
    ] as const) {
      expect(canTransition(status, 'paid')).toBe(false);
    }
  });

  it('keeps an underpaid bank transfer waiting until a later transfer pays it', () => {
    expect(canTransition('awaiting_payment', 'underpaid')).toBe(true);
    expect(canTransition('underpaid', 'underpaid')).toBe(true);
    expect(canTransition('underpaid', 'paid')).toBe(true);
    expect(canTransition('underpaid', 'failed')).toBe(false);
  });

  it('follows the money back: refunds and disputes after payment, a won dispute returns, a lost one ends', () => {
    expect(canTransition('credited', 'partially_refunded')).toBe(true);
    expect(canTransition('partially_refunded', 'refunded')).toBe(true);
    expect(canTransition('credited', 'disputed')).toBe(true);
    expect(canTransition('disputed', 'credited')).toBe(true);
    expect(canTransition('disputed', 'charged_back')).toBe(true);
    expect(canTransition('refunded', 'credited')).toBe(false);
    expect(canTransition('charged_back', 'credited')).toBe(false);
    expect(canTransition('awaiting_payment', 'refunded')).toBe(false);
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

  it('does not cancel an order part of whose money arrived: an operator returns it', () => {
    expect(isCancellable({ status: 'underpaid', paymentKind: 'bank_transfer' })).toBe(false);
  });
});
