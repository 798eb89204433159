import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useDeferredValue, useRef, useState } from 'react';
import { billing } from '../../api/http';
import type { OrderView, PriceListView } from '../../api/views';
import { useBillingProfile, useTimeZone } from '../../app/account';
import { Link } from '../../app/router';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card, PageHeader } from '../../components/card';
import { Alert, ErrorMessage, Loading } from '../../components/feedback';
import { RadioGroup, SelectField, TextField } from '../../components/field';
import { creditsToMillicredits, formatCredits } from '../../format/credits';
import { dayIn, nextDay } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { BillingProfileForm } from './billing-profile-form';
import { newIdempotencyKey } from './idempotency-key';
import { OrderDetails } from './order-details';
import { displayQuote, purchaseGridInCredits, quantityProblem, stepQuantity } from './quote-display';

type Quantity = { kind: 'amount'; credits: number } | { kind: 'pack'; pack: string };

export default function BuyCreditsPage() {
  const { accountId } = useSignedIn();
  const profile = useBillingProfile();
  const currency = profile.data?.currency;
  const priceList = useQuery({
    queryKey: ['price-list', currency],
    queryFn: () => billing.request('get', '/price-lists/{currency}', { path: { currency: currency ?? '' } }),
    enabled: currency !== undefined,
    staleTime: 300_000,
  });
  if (profile.isPending || (currency !== undefined && priceList.isPending)) {
    return <Loading what="prices" />;
  }
  if (profile.isError) {
    return (
      <>
        <PageHeader title="Buy credits" />
        <BillingProfileForm />
      </>
    );
  }
  if (priceList.isError || priceList.data === undefined) {
    return <ErrorMessage error={priceList.error} />;
  }
  return <BuyForm accountId={accountId} list={priceList.data} />;
}

function BuyForm({ accountId, list }: { accountId: string; list: PriceListView }) {
  const queryClient = useQueryClient();
  const { user } = useSignedIn();
  const timeZone = useTimeZone();
  const [quantity, setQuantity] = useState<Quantity>({
    kind: 'amount',
    credits: Math.max(purchaseGridInCredits(list).minCredits, 10_000),
  });
  const [when, setWhen] = useState<'now' | 'date'>('now');
  const tomorrow = nextDay(dayIn(timeZone));
  const [date, setDate] = useState(tomorrow);
  const [paymentKind, setPaymentKind] = useState<'card' | 'bank_transfer'>('card');
  const [cardId, setCardId] = useState('');
  const [needsApproval, setNeedsApproval] = useState(false);
  const [approverName, setApproverName] = useState('');
  const [approverEmail, setApproverEmail] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const submitting = useRef(false);

  const problem = quantity.kind === 'amount' ? quantityProblem(quantity.credits, list) : null;
  const deferred = useDeferredValue(quantity);
  const quote = useQuery({
    queryKey: ['quote', accountId, deferred],
    queryFn: () =>
      billing.request('get', '/accounts/{accountId}/quote', {
        path: { accountId },
        query:
          deferred.kind === 'amount'
            ? { amountMillicredits: creditsToMillicredits(deferred.credits) }
            : { pack: deferred.pack },
      }),
    enabled: problem === null,
    placeholderData: (previous) => previous,
  });
  const cards = useQuery({
    queryKey: ['payment-methods', accountId],
    queryFn: () => billing.request('get', '/accounts/{accountId}/payment-methods', { path: { accountId } }),
  });
  const activeCards = (cards.data ?? []).filter((card) => card.status === 'active');
  const chosenCard = cardId === '' ? activeCards[0]?.id : cardId;

  const order = useMutation({
    mutationFn: () =>
      billing.request('post', '/accounts/{accountId}/orders', {
        path: { accountId },
        headers: { 'idempotency-key': idempotencyKey },
        body: {
          ...(quantity.kind === 'amount'
            ? { amountMillicredits: creditsToMillicredits(quantity.credits) }
            : { pack: quantity.pack }),
          paymentKind,
          ...(paymentKind === 'card' && chosenCard !== undefined ? { paymentMethodId: chosenCard } : {}),
          ...(when === 'date' ? { scheduledFor: date } : {}),
          ...(needsApproval ? { approver: { name: approverName, email: approverEmail } } : {}),
        },
      }),
    onSuccess: (created: OrderView) => {
      void queryClient.invalidateQueries({ queryKey: ['orders', accountId] });
      queryClient.setQueryData(['order', accountId, created.id], created);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A second click can land before React re-renders the button disabled: the ref stops it at once.
    // The idempotency key covers what slips past the page (a retry, a second tab).
    if (submitting.current) {
      return;
    }
    submitting.current = true;
    order.mutate(undefined, {
      onSettled: () => {
        submitting.current = false;
      },
    });
  };

  if (order.isSuccess) {
    return (
      <>
        <PageHeader title="Buy credits" />
        <Alert tone="success">
          Order placed.{' '}
          {order.data.status === 'awaiting_approval'
            ? 'It now waits for the approver.'
            : 'You can follow it below.'}
        </Alert>
        <LiveOrder accountId={accountId} initial={order.data} timeZone={timeZone} />
        <p>
          <Button
            variant="secondary"
            onClick={() => {
              setIdempotencyKey(newIdempotencyKey());
              order.reset();
            }}
          >
            Buy more
          </Button>{' '}
          <Link to="/orders">All orders</Link>
        </p>
      </>
    );
  }

  const shown = quote.data === undefined ? null : displayQuote(quote.data);
  return (
    <>
      <PageHeader title="Buy credits" />
      <form onSubmit={submit} className="buy-form" data-testid="buy-form" noValidate>
        <Card title="How many credits">
          <RadioGroup
            legend="Buy"
            name="quantity-kind"
            value={quantity.kind}
            onChange={(kind) =>
              setQuantity(
                kind === 'amount'
                  ? { kind, credits: Math.max(purchaseGridInCredits(list).minCredits, 10_000) }
                  : { kind, pack: list.packs[0]?.code ?? '' },
              )
            }
            options={[
              {
                value: 'amount',
                label: `An amount (in steps of ${formatCredits(list.purchaseStepMillicredits)})`,
              },
              ...(list.packs.length > 0 ? [{ value: 'pack' as const, label: 'A pack' }] : []),
            ]}
          />
          {quantity.kind === 'amount' ? (
            <div className="stepper">
              <Button
                variant="secondary"
                aria-label="One step fewer"
                onClick={() =>
                  setQuantity({ kind: 'amount', credits: stepQuantity(quantity.credits, -1, list) })
                }
              >
                −
              </Button>
              <TextField
                label="Credits"
                type="number"
                inputMode="numeric"
                min={purchaseGridInCredits(list).minCredits}
                step={purchaseGridInCredits(list).purchaseStep}
                value={Number.isNaN(quantity.credits) ? '' : quantity.credits}
                onChange={(event) => setQuantity({ kind: 'amount', credits: event.target.valueAsNumber })}
                error={problem}
                data-testid="credits-input"
              />
              <Button
                variant="secondary"
                aria-label="One step more"
                onClick={() =>
                  setQuantity({ kind: 'amount', credits: stepQuantity(quantity.credits, 1, list) })
                }
              >
                +
              </Button>
            </div>
          ) : (
            <SelectField
              label="Pack"
              value={quantity.pack}
              onChange={(event) => setQuantity({ kind: 'pack', pack: event.target.value })}
            >
              {list.packs.map((pack) => (
                <option key={pack.code} value={pack.code}>
                  {pack.code}: {formatCredits(pack.amountMillicredits)} credits for{' '}
                  {formatMoney(pack.priceMinor, list.currency)}
                </option>
              ))}
            </SelectField>
          )}
        </Card>
        <Card title="Quote">
          {problem !== null ? (
            <p className="muted">Enter a valid quantity to see the price.</p>
          ) : quote.isError ? (
            <ErrorMessage error={quote.error} />
          ) : shown === null ? (
            <Loading what="the quote" />
          ) : (
            <div data-testid="quote" aria-live="polite">
              <dl className="stats">
                <div className="stat">
                  <dt>Total</dt>
                  <dd data-testid="quote-total" className="stat-value">
                    {shown.total}
                  </dd>
                </div>
                <div className="stat">
                  <dt>Price per credit</dt>
                  <dd className="stat-value">{shown.pricePerCredit}</dd>
                </div>
                <div className="stat">
                  <dt>Tier</dt>
                  <dd className="stat-value">{shown.tier}</dd>
                </div>
              </dl>
              <table className="table">
                <caption>SMS these {shown.credits} credits buy</caption>
                <thead>
                  <tr>
                    <th scope="col">Destination</th>
                    <th scope="col" className="number">
                      SMS
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.sms.slice(0, 8).map((row) => (
                    <tr key={row.country}>
                      <td>
                        {row.country}
                        {row.home && ' (home)'}
                      </td>
                      <td className="number">{row.sms}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title="When and how to pay">
          <RadioGroup
            legend="When"
            name="when"
            value={when}
            onChange={setWhen}
            options={[
              { value: 'now', label: 'As soon as possible' },
              { value: 'date', label: 'On a date' },
            ]}
          />
          {when === 'date' && (
            <TextField
              label={`Date (${timeZone})`}
              type="date"
              min={tomorrow}
              value={date}
              onChange={(event) => setDate(event.target.value)}
            />
          )}
          <RadioGroup
            legend="Payment"
            name="payment"
            value={paymentKind}
            onChange={setPaymentKind}
            options={[
              { value: 'card', label: 'Saved card' },
              { value: 'bank_transfer', label: 'Bank transfer (details and reference shown after ordering)' },
            ]}
          />
          {paymentKind === 'card' &&
            (activeCards.length === 0 ? (
              <Alert tone="warning">
                No saved card. <Link to="/cards">Add one</Link> or pay by bank transfer.
              </Alert>
            ) : (
              <SelectField
                label="Card"
                value={chosenCard ?? ''}
                onChange={(event) => setCardId(event.target.value)}
              >
                {activeCards.map((card) => (
                  <option key={card.id} value={card.id}>
                    {card.brand} ending {card.last4} ({String(card.expMonth).padStart(2, '0')}/{card.expYear})
                    {card.failedAt !== null ? ' — last charge failed' : ''}
                  </option>
                ))}
              </SelectField>
            ))}
        </Card>
        <Card title="Approval">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={needsApproval}
              onChange={(event) => setNeedsApproval(event.target.checked)}
            />
            <span>Someone else must approve this order</span>
          </label>
          {needsApproval && (
            <>
              <TextField
                label="Approver's name"
                value={approverName}
                onChange={(event) => setApproverName(event.target.value)}
                required
              />
              <TextField
                label="Approver's email"
                type="email"
                value={approverEmail}
                onChange={(event) => setApproverEmail(event.target.value)}
                required
                hint={`They approve in their Approvals inbox. You are ${user.email ?? user.subject}.`}
              />
            </>
          )}
        </Card>
        {order.isError && <ErrorMessage error={order.error} />}
        <Button
          type="submit"
          busy={order.isPending}
          disabled={
            problem !== null ||
            (paymentKind === 'card' && chosenCard === undefined) ||
            (needsApproval && (approverName === '' || approverEmail === ''))
          }
          data-testid="place-order"
        >
          {shown === null ? 'Place order' : `Place order for ${shown.total}`}
        </Button>
      </form>
    </>
  );
}

// The order just placed, read again until it reaches an end state, so the timeline fills in.
function LiveOrder({
  accountId,
  initial,
  timeZone,
}: {
  accountId: string;
  initial: OrderView;
  timeZone: string;
}) {
  const order = useQuery({
    queryKey: ['order', accountId, initial.id],
    queryFn: () =>
      billing.request('get', '/accounts/{accountId}/orders/{orderId}', {
        path: { accountId, orderId: initial.id },
      }),
    initialData: initial,
    refetchInterval: (query) =>
      ['credited', 'failed', 'cancelled', 'declined', 'awaiting_approval', 'scheduled'].includes(
        query.state.data?.status ?? '',
      )
        ? false
        : 1_500,
  });
  return (
    <Card title="Your order">
      <OrderDetails order={order.data} timeZone={timeZone} />
    </Card>
  );
}
