import { paymentProviders } from './payment-providers';

describe(paymentProviders.name, () => {
  it('offers Stripe only with both the secret and the publishable key', () => {
    expect(
      paymentProviders({
        PAYMENT_SIMULATOR_ENABLED: false,
        STRIPE_SECRET_KEY: 'sk_test_1',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_1',
      }),
    ).toEqual({ simulated: false, stripe: { publishableKey: 'pk_test_1' } });
    expect(
      paymentProviders({ PAYMENT_SIMULATOR_ENABLED: false, STRIPE_PUBLISHABLE_KEY: 'pk_test_1' }).stripe,
    ).toBeNull();
    expect(
      paymentProviders({ PAYMENT_SIMULATOR_ENABLED: false, STRIPE_SECRET_KEY: 'sk_test_1' }).stripe,
    ).toBeNull();
  });

  it('offers the simulated test cards where they are switched on', () => {
    expect(paymentProviders({ PAYMENT_SIMULATOR_ENABLED: true })).toEqual({ simulated: true, stripe: null });
  });
});
