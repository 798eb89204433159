export type SimulatedOutcome = 'succeeds' | 'card_declined' | 'expired_card' | 'insufficient_funds';

// The simulated provider's test cards, after Stripe's: the number picks the outcome of every charge.
const TEST_CARDS: Record<string, { brand: string; outcome: SimulatedOutcome }> = {
  '4242424242424242': { brand: 'visa', outcome: 'succeeds' },
  '5555555555554444': { brand: 'mastercard', outcome: 'succeeds' },
  '4000000000000002': { brand: 'visa', outcome: 'card_declined' },
  '4000000000000069': { brand: 'visa', outcome: 'expired_card' },
  '4000000000009995': { brand: 'visa', outcome: 'insufficient_funds' },
};

export const TEST_CARD_NUMBERS = Object.keys(TEST_CARDS);

export interface SimulatedCard {
  brand: string;
  last4: string;
  // Stored instead of the number: enough for the simulator to know the outcome, useless to a thief.
  token: string;
}

export function simulatedCard(number: string, suffix: string): SimulatedCard | null {
  const card = TEST_CARDS[number];
  if (card === undefined) {
    return null;
  }
  return { brand: card.brand, last4: number.slice(-4), token: `sim_${card.outcome}_${suffix}` };
}

export function simulatedOutcome(token: string): SimulatedOutcome {
  const outcome = /^sim_(succeeds|card_declined|expired_card|insufficient_funds)_/.exec(token)?.[1];
  if (outcome === undefined) {
    throw new Error(`Not a simulated card token: ${token}`);
  }
  return outcome as SimulatedOutcome;
}

// A card is usable through the end of its expiry month.
export function isExpired(card: { expMonth: number; expYear: number }, now: Date): boolean {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return card.expYear < year || (card.expYear === year && card.expMonth < month);
}
