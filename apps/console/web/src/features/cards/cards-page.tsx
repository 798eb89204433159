import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { billing } from '../../api/http';
import { useBffSession, useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card, PageHeader } from '../../components/card';
import { Alert, Badge, ErrorMessage, Loading } from '../../components/feedback';
import { TextField } from '../../components/field';
import { StripeCardForm } from './stripe/stripe-card-form';

// Saved cards. With Stripe configured in billing, cards are entered in Stripe Elements (a SetupIntent);
// locally the simulated provider takes the documented test numbers, passed to billing once and never
// stored.
export default function CardsPage() {
  const { accountId } = useSignedIn();
  const queryClient = useQueryClient();
  const cards = useQuery({
    queryKey: ['payment-methods', accountId],
    queryFn: () => billing.request('get', '/accounts/{accountId}/payment-methods', { path: { accountId } }),
  });
  const autoTopUp = useQuery({
    queryKey: ['auto-top-up', accountId],
    queryFn: () => billing.request('get', '/accounts/{accountId}/auto-top-up', { path: { accountId } }),
    retry: false,
  });
  const providers = useQuery({
    queryKey: ['payment-providers', accountId],
    queryFn: () =>
      billing.request('get', '/accounts/{accountId}/payment-methods/providers', { path: { accountId } }),
    staleTime: 5 * 60_000,
  });
  const stripeJsUrl = useBffSession().data?.stripeJsUrl;
  const stripe = providers.data?.stripe ?? null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['payment-methods', accountId] });
  const remove = useMutation({
    mutationFn: (paymentMethodId: string) =>
      billing.request('delete', '/accounts/{accountId}/payment-methods/{paymentMethodId}', {
        path: { accountId, paymentMethodId },
      }),
    onSuccess: refresh,
  });
  if (cards.isPending) {
    return <Loading what="cards" />;
  }
  if (cards.isError) {
    return <ErrorMessage error={cards.error} />;
  }
  const active = cards.data.filter((card) => card.status === 'active');
  const declined =
    autoTopUp.data !== undefined && !autoTopUp.data.enabled && autoTopUp.data.disabledReason !== null;
  return (
    <>
      <PageHeader title="Cards" />
      {declined && (
        <Alert tone="danger">
          A card was declined and auto top-up was switched off ({autoTopUp.data?.disabledReason}). Update the
          card, then switch auto top-up on again.
        </Alert>
      )}
      <Card title="Saved cards">
        {active.length === 0 ? (
          <p>No saved card.</p>
        ) : (
          <ul className="card-list" data-testid="cards">
            {active.map((card) => (
              <li key={card.id}>
                <span>
                  {card.brand} ending <strong>{card.last4}</strong>, expires{' '}
                  {String(card.expMonth).padStart(2, '0')}/{card.expYear}{' '}
                  {card.failedAt !== null && <Badge tone="bad">declined ({card.failureCode})</Badge>}
                </span>
                <UpdateCard accountId={accountId} cardId={card.id} onDone={() => void refresh()} />
                <Button
                  variant="danger"
                  onClick={() => remove.mutate(card.id)}
                  aria-label={`Remove card ending ${card.last4}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        {remove.isError && <ErrorMessage error={remove.error} />}
      </Card>
      {providers.isError && <ErrorMessage error={providers.error} />}
      {stripe !== null && stripeJsUrl !== undefined && (
        <StripeCardForm
          publishableKey={stripe.publishableKey}
          stripeJsUrl={stripeJsUrl}
          onDone={() => void refresh()}
        />
      )}
      {providers.data?.simulated === true && <AddCard accountId={accountId} onDone={() => void refresh()} />}
      {providers.data !== undefined && !providers.data.simulated && providers.data.stripe === null && (
        <Alert tone="warning">
          No way to add a card is configured: billing has neither Stripe nor test cards.
        </Alert>
      )}
    </>
  );
}

function AddCard({ accountId, onDone }: { accountId: string; onDone: () => void }) {
  const [cardNumber, setCardNumber] = useState('4242424242424242');
  const [expiry, setExpiry] = useState('12/2030');
  const add = useMutation({
    mutationFn: () => {
      const [month, year] = expiry.split('/').map(Number);
      return billing.request('post', '/accounts/{accountId}/payment-methods', {
        path: { accountId },
        body: {
          provider: 'simulated',
          cardNumber: cardNumber.replaceAll(' ', ''),
          expMonth: month ?? 0,
          expYear: year ?? 0,
        },
      });
    },
    onSuccess: onDone,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Card title="Add a card">
      <form onSubmit={submit} data-testid="add-card">
        <TextField
          label="Card number"
          inputMode="numeric"
          autoComplete="off"
          value={cardNumber}
          onChange={(event) => setCardNumber(event.target.value)}
          hint="Test cards: 4242424242424242 succeeds, 4000000000000002 is declined, 4000000000009995 has insufficient funds."
        />
        <TextField
          label="Expiry (MM/YYYY)"
          value={expiry}
          onChange={(event) => setExpiry(event.target.value)}
        />
        {add.isError && <ErrorMessage error={add.error} />}
        <Button type="submit" busy={add.isPending} data-testid="save-card">
          Save card
        </Button>
      </form>
    </Card>
  );
}

function UpdateCard({
  accountId,
  cardId,
  onDone,
}: {
  accountId: string;
  cardId: string;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [expiry, setExpiry] = useState('12/2031');
  const update = useMutation({
    mutationFn: () => {
      const [month, year] = expiry.split('/').map(Number);
      return billing.request('patch', '/accounts/{accountId}/payment-methods/{paymentMethodId}', {
        path: { accountId, paymentMethodId: cardId },
        body: { expMonth: month ?? 0, expYear: year ?? 0 },
      });
    },
    onSuccess: () => {
      setOpen(false);
      onDone();
    },
  });
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Update
      </Button>
    );
  }
  return (
    <span className="inline-form">
      <TextField
        label="New expiry (MM/YYYY)"
        value={expiry}
        onChange={(event) => setExpiry(event.target.value)}
      />
      <Button onClick={() => update.mutate()} busy={update.isPending}>
        Save
      </Button>
      {update.isError && <ErrorMessage error={update.error} />}
    </span>
  );
}
