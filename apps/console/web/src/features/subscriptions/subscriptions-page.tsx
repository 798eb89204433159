import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { billing } from '../../api/http';
import { useTimeZone } from '../../app/account';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card, PageHeader } from '../../components/card';
import { Alert, Badge, ErrorMessage, Loading } from '../../components/feedback';
import { RadioGroup, SelectField, TextField } from '../../components/field';
import { creditsToMillicredits, formatCredits, MILLICREDITS_PER_CREDIT } from '../../format/credits';
import { formatDate } from '../../format/dates';
import { changeOutcome, type Effective } from './subscription-change';

type SubscriptionView = Awaited<ReturnType<typeof listSubscriptions>>[number];

function listSubscriptions(accountId: string) {
  return billing.request('get', '/accounts/{accountId}/subscriptions', { path: { accountId } });
}

// Monthly allocations: N credits granted and charged each period; the size changes now or at the
// next renewal.
export default function SubscriptionsPage() {
  const { accountId } = useSignedIn();
  const subscriptions = useQuery({
    queryKey: ['subscriptions', accountId],
    queryFn: () => listSubscriptions(accountId),
  });
  const active = subscriptions.data?.filter((subscription) => subscription.status === 'active') ?? [];
  return (
    <>
      <PageHeader title="Subscriptions" />
      {subscriptions.isPending && <Loading what="subscriptions" />}
      {subscriptions.isError && <ErrorMessage error={subscriptions.error} />}
      {subscriptions.data !== undefined &&
        (active.length === 0 ? (
          <Card title="No subscription">
            <p>No monthly allocation runs for this account.</p>
          </Card>
        ) : (
          active.map((subscription) => <SubscriptionCard key={subscription.id} subscription={subscription} />)
        ))}
      <StartSubscription />
    </>
  );
}

function SubscriptionCard({ subscription }: { subscription: SubscriptionView }) {
  const { accountId } = useSignedIn();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [size, setSize] = useState(
    String(Math.floor(subscription.periodMillicredits / MILLICREDITS_PER_CREDIT)),
  );
  const [effective, setEffective] = useState<Effective>('next_renewal');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['subscriptions', accountId] });
  const change = useMutation({
    mutationFn: (periodMillicredits: number) =>
      billing.request('patch', '/accounts/{accountId}/subscriptions/{subscriptionId}', {
        path: { accountId, subscriptionId: subscription.id },
        body: { periodMillicredits, effective },
      }),
    onSuccess: refresh,
  });
  const cancel = useMutation({
    mutationFn: () =>
      billing.request('post', '/accounts/{accountId}/subscriptions/{subscriptionId}/cancel', {
        path: { accountId, subscriptionId: subscription.id },
      }),
    onSuccess: refresh,
  });
  // People type whole credits; billing counts millicredits.
  const wantedCredits = Number(size);
  const valid = Number.isSafeInteger(wantedCredits) && wantedCredits > 0;
  const wanted = creditsToMillicredits(wantedCredits);
  const outcome = valid
    ? changeOutcome({ current: subscription.periodMillicredits, wanted, effective })
    : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) {
      change.mutate(wanted);
    }
  };
  return (
    <Card title={`${formatCredits(subscription.periodMillicredits)} credits a month`}>
      <p data-testid="subscription-state">
        <Badge tone="good">active</Badge> Current period since{' '}
        {formatDate(subscription.currentPeriodStart, timeZone)}; renews on{' '}
        {formatDate(subscription.nextRenewalAt, timeZone)}
        {subscription.nextPeriodMillicredits !== null &&
          `, then with ${formatCredits(subscription.nextPeriodMillicredits)} credits a month`}
        .
      </p>
      <form onSubmit={submit} data-testid="change-subscription">
        <TextField
          label="Credits a month"
          inputMode="numeric"
          value={size}
          onChange={(event) => setSize(event.target.value)}
          error={valid ? null : 'A whole number of credits above zero'}
        />
        <RadioGroup
          legend="When"
          name={`effective-${subscription.id}`}
          value={effective}
          onChange={setEffective}
          options={[
            { value: 'now', label: 'Now' },
            { value: 'next_renewal', label: 'At the next renewal' },
          ]}
        />
        {outcome?.kind === 'charged_now' && (
          <Alert tone="warning">
            The card is charged now for {formatCredits(outcome.extraMillicredits)} more credits, granted at
            once.
          </Alert>
        )}
        {outcome?.kind === 'from_renewal' && (
          <Alert tone="info">
            {outcome.becauseDecrease
              ? 'Credits already granted stay, so a smaller size starts at the next renewal.'
              : 'The new size starts at the next renewal.'}
          </Alert>
        )}
        {change.isError && <ErrorMessage error={change.error} />}
        <Button
          type="submit"
          busy={change.isPending}
          disabled={outcome === null || outcome.kind === 'unchanged'}
        >
          Change size
        </Button>{' '}
        <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate()}>
          Stop renewing
        </Button>
        {cancel.isError && <ErrorMessage error={cancel.error} />}
      </form>
    </Card>
  );
}

function StartSubscription() {
  const { accountId } = useSignedIn();
  const queryClient = useQueryClient();
  const [size, setSize] = useState('');
  const [card, setCard] = useState('');
  const cards = useQuery({
    queryKey: ['payment-methods', accountId],
    queryFn: () => billing.request('get', '/accounts/{accountId}/payment-methods', { path: { accountId } }),
  });
  const active = cards.data?.filter((candidate) => candidate.status === 'active') ?? [];
  const chosen = card === '' ? active[0]?.id : card;
  const start = useMutation({
    mutationFn: () =>
      billing.request('post', '/accounts/{accountId}/subscriptions', {
        path: { accountId },
        body: { periodMillicredits: creditsToMillicredits(Number(size)), paymentMethodId: chosen ?? '' },
      }),
    onSuccess: () => {
      setSize('');
      void queryClient.invalidateQueries({ queryKey: ['subscriptions', accountId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <Card title="Start a subscription">
      {active.length === 0 ? (
        <p>Save a card first: each period is charged to it.</p>
      ) : (
        <form onSubmit={submit}>
          <TextField
            label="Credits a month"
            inputMode="numeric"
            required
            value={size}
            onChange={(event) => setSize(event.target.value)}
            hint="The first month is charged and granted now."
          />
          <SelectField label="Card" value={chosen ?? ''} onChange={(event) => setCard(event.target.value)}>
            {active.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.brand} ending {candidate.last4}
              </option>
            ))}
          </SelectField>
          {start.isError && <ErrorMessage error={start.error} />}
          <Button type="submit" busy={start.isPending}>
            Start
          </Button>
        </form>
      )}
    </Card>
  );
}
