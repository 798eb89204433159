import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, billing } from '../../api/http';
import type { AutoTopUpView } from '../../api/views';
import { BALANCE_REFRESH_MS, useBalance, useTimeZone } from '../../app/account';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card, PageHeader } from '../../components/card';
import { Alert, ErrorMessage, Loading } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { creditsToMillicredits, formatCredits, millicreditsToCredits } from '../../format/credits';
import { formatDateTime } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { OrderStatusBadge } from '../buy-credits/order-details';
import { describeAutoTopUp } from '../home/auto-top-up-state';
import { chargesNow } from './threshold-warning';

export default function AutoTopUpPage() {
  const { accountId } = useSignedIn();
  const timeZone = useTimeZone();
  const settings = useQuery({
    queryKey: ['auto-top-up', accountId],
    queryFn: async () => {
      try {
        return await billing.request('get', '/accounts/{accountId}/auto-top-up', { path: { accountId } });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          return null;
        }
        throw error;
      }
    },
    refetchInterval: BALANCE_REFRESH_MS,
  });
  const orders = useQuery({
    queryKey: ['orders', accountId],
    queryFn: () =>
      billing.request('get', '/accounts/{accountId}/orders', {
        path: { accountId },
        query: { limit: 100 },
      }),
    refetchInterval: BALANCE_REFRESH_MS,
  });
  if (settings.isPending) {
    return <Loading what="auto top-up" />;
  }
  if (settings.isError) {
    return <ErrorMessage error={settings.error} />;
  }
  const history = (orders.data?.items ?? []).filter((order) => order.kind === 'auto_topup');
  return (
    <>
      <PageHeader title="Auto top-up" />
      <Card title="State">
        <p data-testid="auto-top-up-state">{describeAutoTopUp(settings.data)}</p>
      </Card>
      <SettingsForm accountId={accountId} current={settings.data} />
      <Card title="Automatic recharges">
        {history.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <table className="table" data-testid="auto-top-up-history">
            <thead>
              <tr>
                <th scope="col">When ({timeZone})</th>
                <th scope="col" className="number">
                  Credits
                </th>
                <th scope="col" className="number">
                  Amount
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {history.map((order) => (
                <tr key={order.id}>
                  <td>{formatDateTime(order.createdAt, timeZone)}</td>
                  <td className="number">{formatCredits(order.amountMillicredits)}</td>
                  <td className="number">{formatMoney(order.amountMinor, order.currency)}</td>
                  <td>
                    <OrderStatusBadge status={order.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

function SettingsForm({ accountId, current }: { accountId: string; current: AutoTopUpView | null }) {
  const queryClient = useQueryClient();
  const balance = useBalance();
  const cards = useQuery({
    queryKey: ['payment-methods', accountId],
    queryFn: () => billing.request('get', '/accounts/{accountId}/payment-methods', { path: { accountId } }),
  });
  const [enabled, setEnabled] = useState(current?.enabled ?? true);
  // Before the first save the service answers zeros: suggest values the form accepts instead.
  const [threshold, setThreshold] = useState(
    millicreditsToCredits(current?.thresholdMillicredits ?? 0) || 5_000,
  );
  const [amount, setAmount] = useState(millicreditsToCredits(current?.topUpMillicredits ?? 0) || 20_000);
  const [maxPer30Days, setMaxPer30Days] = useState(current?.maxRechargesPer30Days || 5);
  const [cardId, setCardId] = useState(current?.paymentMethodId ?? '');
  const [confirmed, setConfirmed] = useState(false);
  const activeCards = (cards.data ?? []).filter((card) => card.status === 'active');
  useEffect(() => {
    if (cardId === '' && activeCards[0] !== undefined) {
      setCardId(activeCards[0].id);
    }
  }, [cardId, activeCards]);

  const save = useMutation({
    mutationFn: () =>
      billing.request('put', '/accounts/{accountId}/auto-top-up', {
        path: { accountId },
        body: {
          enabled,
          thresholdMillicredits: creditsToMillicredits(threshold),
          topUpMillicredits: creditsToMillicredits(amount),
          paymentMethodId: cardId,
          maxRechargesPer30Days: maxPer30Days,
        },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['auto-top-up', accountId], saved);
      setConfirmed(false);
    },
  });
  const warn =
    balance.data !== undefined &&
    chargesNow({
      thresholdCredits: threshold,
      availableMillicredits: balance.data.availableMillicredits,
      enabled,
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (warn && !confirmed) {
      setConfirmed(true);
      return;
    }
    save.mutate();
  };
  return (
    <Card title="Settings">
      <form onSubmit={submit} data-testid="auto-top-up-form">
        <label className="checkbox">
          <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
          <span>Top up automatically</span>
        </label>
        <TextField
          label="When available credits fall below"
          type="number"
          min={1}
          value={threshold}
          onChange={(event) => setThreshold(event.target.valueAsNumber)}
          data-testid="threshold"
        />
        <TextField
          label="Add at least (credits)"
          type="number"
          min={1}
          value={amount}
          onChange={(event) => setAmount(event.target.valueAsNumber)}
        />
        <TextField
          label="At most this many top-ups in 30 days"
          type="number"
          min={1}
          max={100}
          value={maxPer30Days}
          onChange={(event) => setMaxPer30Days(event.target.valueAsNumber)}
        />
        {activeCards.length === 0 ? (
          <Alert tone="warning">Add a card first.</Alert>
        ) : (
          <SelectField
            label="Card to charge"
            value={cardId}
            onChange={(event) => setCardId(event.target.value)}
          >
            {activeCards.map((card) => (
              <option key={card.id} value={card.id}>
                {card.brand} ending {card.last4}
              </option>
            ))}
          </SelectField>
        )}
        {warn && (
          <Alert tone="warning">
            <span data-testid="charge-now-warning">
              The threshold is above the credits available now: saving will charge the card right away.
              {confirmed ? ' Press save again to confirm.' : ''}
            </span>
          </Alert>
        )}
        {save.isError && <ErrorMessage error={save.error} />}
        {save.isSuccess && <Alert tone="success">Saved.</Alert>}
        <Button type="submit" busy={save.isPending} disabled={cardId === ''} data-testid="save-auto-top-up">
          {warn && confirmed ? 'Save and charge now' : 'Save'}
        </Button>
      </form>
    </Card>
  );
}
