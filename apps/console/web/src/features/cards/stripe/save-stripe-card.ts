import type { StripeCardElement, StripeInstance } from './stripe-js';

export class CardNotSaved extends Error {}

// Saving a card with Stripe, in the order that keeps card numbers away from our servers: billing
// creates a SetupIntent for the account's own Stripe customer; Stripe.js confirms it with the card the
// person typed into Stripe's iframe; only then is billing asked to save the card, naming the
// SetupIntent, and billing asks Stripe which card that was. A refused card is never saved.
export async function saveCardWithStripe<Saved>(input: {
  stripe: Pick<StripeInstance, 'confirmCardSetup'>;
  card: StripeCardElement;
  createSetupIntent: () => Promise<{ setupIntentId: string; clientSecret: string }>;
  saveCard: (setupIntentId: string) => Promise<Saved>;
}): Promise<Saved> {
  const intent = await input.createSetupIntent();
  const result = await input.stripe.confirmCardSetup(intent.clientSecret, {
    payment_method: { card: input.card },
  });
  if (result.error !== undefined) {
    throw new CardNotSaved(
      result.error.message ?? `The card was refused (${result.error.code ?? 'unknown'})`,
    );
  }
  if (result.setupIntent?.status !== 'succeeded') {
    throw new CardNotSaved(`The card needs another step (${result.setupIntent?.status ?? 'no answer'})`);
  }
  return input.saveCard(intent.setupIntentId);
}
