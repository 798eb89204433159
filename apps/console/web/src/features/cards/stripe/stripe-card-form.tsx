import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { billing } from '../../../api/http';
import { useSignedIn } from '../../../app/session';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Alert, ErrorMessage } from '../../../components/feedback';
import { loadStripeJs } from './load-stripe';
import { saveCardWithStripe } from './save-stripe-card';
import type { StripeCardElement, StripeInstance } from './stripe-js';

// Card entry with Stripe Elements: the number is typed into Stripe's frame and goes to Stripe only;
// billing then saves the card the confirmed SetupIntent names.
export function StripeCardForm({
  publishableKey,
  stripeJsUrl,
  onDone,
}: {
  publishableKey: string;
  stripeJsUrl: string;
  onDone: () => void;
}) {
  const { accountId } = useSignedIn();
  const mountPoint = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState<{ stripe: StripeInstance; card: StripeCardElement } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [complete, setComplete] = useState(false);
  const [cardError, setCardError] = useState<string | null>(null);

  useEffect(() => {
    let card: StripeCardElement | undefined;
    let cancelled = false;
    loadStripeJs(stripeJsUrl)
      .then((Stripe) => {
        if (cancelled || mountPoint.current === null) {
          return;
        }
        const stripe = Stripe(publishableKey);
        card = stripe.elements().create('card', { hidePostalCode: true });
        card.on('change', (event) => {
          setComplete(event.complete);
          setCardError(event.error?.message ?? null);
        });
        card.mount(mountPoint.current);
        setReady({ stripe, card });
      })
      .catch((error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      card?.destroy();
    };
  }, [publishableKey, stripeJsUrl]);

  const save = useMutation({
    mutationFn: (current: { stripe: StripeInstance; card: StripeCardElement }) =>
      saveCardWithStripe({
        stripe: current.stripe,
        card: current.card,
        createSetupIntent: () =>
          billing.request('post', '/accounts/{accountId}/payment-methods/stripe/setup-intents', {
            path: { accountId },
          }),
        saveCard: (setupIntentId) =>
          billing.request('post', '/accounts/{accountId}/payment-methods', {
            path: { accountId },
            body: { provider: 'stripe', setupIntentId },
          }),
      }),
    onSuccess: onDone,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready !== null) {
      save.mutate(ready);
    }
  };
  return (
    <Card title="Add a card">
      <form onSubmit={submit} data-testid="stripe-card-form">
        <div className="field">
          <span id="stripe-card-label">Card</span>
          <div ref={mountPoint} className="stripe-card" role="group" aria-labelledby="stripe-card-label" />
        </div>
        {loadError !== null && <Alert tone="danger">{loadError}</Alert>}
        {cardError !== null && <Alert tone="warning">{cardError}</Alert>}
        {save.isError && <ErrorMessage error={save.error} />}
        <Button type="submit" busy={save.isPending} disabled={ready === null || !complete}>
          Save card
        </Button>
      </form>
    </Card>
  );
}
