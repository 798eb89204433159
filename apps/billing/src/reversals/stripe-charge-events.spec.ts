import type Stripe from 'stripe';
import { moneyBackOf } from './stripe-charge-events';

// Shaped after the events Stripe sends; only the fields billing reads are filled in.
const event = (type: string, object: Record<string, unknown>): Stripe.Event =>
  ({
    id: 'evt_1',
    object: 'event',
    type,
    created: 1_790_000_000,
    data: { object },
  }) as unknown as Stripe.Event;

describe(moneyBackOf.name, () => {
  it('reads the total refunded on a charge', () => {
    expect(
      moneyBackOf(
        event('charge.refunded', {
          id: 'ch_1',
          object: 'charge',
          payment_intent: 'pi_1',
          amount_refunded: 1000,
          currency: 'eur',
        }),
      ),
    ).toEqual({
      kind: 'refund',
      paymentIntentId: 'pi_1',
      chargeId: 'ch_1',
      refundedTotalMinor: 1000,
      currency: 'EUR',
    });
  });

  it('tells a dispute opened from one won or lost', () => {
    const dispute = { id: 'dp_1', object: 'dispute', payment_intent: 'pi_1', amount: 4500, currency: 'eur' };
    expect(moneyBackOf(event('charge.dispute.created', { ...dispute, status: 'needs_response' }))?.kind).toBe(
      'dispute_opened',
    );
    expect(moneyBackOf(event('charge.dispute.closed', { ...dispute, status: 'won' }))?.kind).toBe(
      'dispute_won',
    );
    expect(moneyBackOf(event('charge.dispute.closed', { ...dispute, status: 'warning_closed' }))?.kind).toBe(
      'dispute_won',
    );
    expect(moneyBackOf(event('charge.dispute.closed', { ...dispute, status: 'lost' }))).toEqual({
      kind: 'dispute_lost',
      paymentIntentId: 'pi_1',
      disputeId: 'dp_1',
      amountMinor: 4500,
      currency: 'EUR',
    });
  });

  it('ignores other events and charges without a PaymentIntent', () => {
    expect(moneyBackOf(event('charge.captured', { id: 'ch_1', payment_intent: 'pi_1' }))).toBeNull();
    expect(
      moneyBackOf(
        event('charge.refunded', { id: 'ch_1', payment_intent: null, amount_refunded: 1, currency: 'eur' }),
      ),
    ).toBeNull();
  });
});
