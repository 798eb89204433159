// The part of Stripe.js (https://docs.stripe.com/js) the console uses: a card Element in Stripe's own
// iframe, and confirming a SetupIntent with it. Stripe.js is loaded from Stripe at run time, never
// bundled, so these few shapes are described here.
export interface StripeCardElement {
  mount(target: HTMLElement): void;
  destroy(): void;
  on(event: 'change', handler: (event: { complete: boolean; error?: { message: string } }) => void): void;
}

export interface StripeInstance {
  elements(): { create(type: 'card', options?: object): StripeCardElement };
  confirmCardSetup(
    clientSecret: string,
    data: { payment_method: { card: StripeCardElement } },
  ): Promise<{ setupIntent?: { id: string; status: string }; error?: { message?: string; code?: string } }>;
}

export type StripeConstructor = (publishableKey: string) => StripeInstance;
