import { CardNotSaved, saveCardWithStripe } from './save-stripe-card';
import type { StripeCardElement, StripeInstance } from './stripe-js';

const card: StripeCardElement = { mount: () => undefined, destroy: () => undefined, on: () => undefined };

function confirming(answer: Awaited<ReturnType<StripeInstance['confirmCardSetup']>>) {
  const calls: { clientSecret: string; card: StripeCardElement }[] = [];
  return {
    calls,
    stripe: {
      confirmCardSetup: (clientSecret: string, data: { payment_method: { card: StripeCardElement } }) => {
        calls.push({ clientSecret, card: data.payment_method.card });
        return Promise.resolve(answer);
      },
    },
  };
}

describe(saveCardWithStripe.name, () => {
  it('confirms the SetupIntent billing created with the card element, then saves that SetupIntent', async () => {
    const { stripe, calls } = confirming({ setupIntent: { id: 'seti_1', status: 'succeeded' } });
    const saved: string[] = [];
    const result = await saveCardWithStripe({
      stripe,
      card,
      createSetupIntent: () => Promise.resolve({ setupIntentId: 'seti_1', clientSecret: 'seti_1_secret_x' }),
      saveCard: (setupIntentId) => {
        saved.push(setupIntentId);
        return Promise.resolve({ id: 'pm_row_1' });
      },
    });
    expect(calls).toEqual([{ clientSecret: 'seti_1_secret_x', card }]);
    expect(saved).toEqual(['seti_1']);
    expect(result).toEqual({ id: 'pm_row_1' });
  });

  it('saves nothing when Stripe refuses the card, and says why', async () => {
    const { stripe } = confirming({ error: { message: 'Your card was declined.', code: 'card_declined' } });
    const saved: string[] = [];
    await expect(
      saveCardWithStripe({
        stripe,
        card,
        createSetupIntent: () => Promise.resolve({ setupIntentId: 'seti_2', clientSecret: 's' }),
        saveCard: (id) => Promise.resolve(saved.push(id)),
      }),
    ).rejects.toEqual(new CardNotSaved('Your card was declined.'));
    expect(saved).toEqual([]);
  });

  it('saves nothing while the SetupIntent still needs a step (3-D Secure not completed)', async () => {
    const { stripe } = confirming({ setupIntent: { id: 'seti_3', status: 'requires_action' } });
    const saved: string[] = [];
    await expect(
      saveCardWithStripe({
        stripe,
        card,
        createSetupIntent: () => Promise.resolve({ setupIntentId: 'seti_3', clientSecret: 's' }),
        saveCard: (id) => Promise.resolve(saved.push(id)),
      }),
    ).rejects.toThrow(/requires_action/);
    expect(saved).toEqual([]);
  });

  it('asks Stripe nothing when billing cannot create the SetupIntent', async () => {
    const { stripe, calls } = confirming({ setupIntent: { id: 'x', status: 'succeeded' } });
    await expect(
      saveCardWithStripe({
        stripe,
        card,
        createSetupIntent: () => Promise.reject(new Error('Stripe is not configured')),
        saveCard: () => Promise.resolve(null),
      }),
    ).rejects.toThrow('Stripe is not configured');
    expect(calls).toEqual([]);
  });
});
