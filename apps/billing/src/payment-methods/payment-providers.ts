// How a person can add a card here, for the console: the simulated test cards where they are on, and
// Stripe Elements once billing can both create SetupIntents (secret key) and name the account Stripe
// should show in the browser (publishable key). Keys that only make sense together are offered together.
export interface PaymentProvidersView {
  simulated: boolean;
  stripe: { publishableKey: string } | null;
}

export function paymentProviders(config: {
  PAYMENT_SIMULATOR_ENABLED: boolean;
  STRIPE_SECRET_KEY?: string;
  STRIPE_PUBLISHABLE_KEY?: string;
}): PaymentProvidersView {
  const stripeReady = config.STRIPE_SECRET_KEY !== undefined && config.STRIPE_PUBLISHABLE_KEY !== undefined;
  return {
    simulated: config.PAYMENT_SIMULATOR_ENABLED,
    stripe: stripeReady ? { publishableKey: config.STRIPE_PUBLISHABLE_KEY as string } : null,
  };
}
