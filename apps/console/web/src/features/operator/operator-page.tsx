import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ledger, notifier } from '../../api/http';
import { useTimeZone } from '../../app/account';
import { navigate } from '../../app/router';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card, PageHeader } from '../../components/card';
import { Alert, Badge, ErrorMessage } from '../../components/feedback';
import { TextField } from '../../components/field';
import { formatCredits } from '../../format/credits';
import { formatDateTime } from '../../format/dates';
import { CreditLimitCard } from './credit-limit-card';
import { DeadLettersCard } from './dead-letters-card';
import { GrantCreditsCard } from './grant-credits-card';

// The platform operator's tools: open any account's pages, its credit limit and credit grants, check
// the journal, edit the rate card, see failed deliveries across accounts and inspect and replay the
// services' dead letters.
export default function OperatorPage() {
  return (
    <>
      <PageHeader title="Operator" />
      <FindAccount />
      <CreditLimitCard />
      <GrantCreditsCard />
      <JournalCheck />
      <RateCardEditor />
      <FailedDeliveries />
      <DeadLettersCard />
    </>
  );
}

function FindAccount() {
  const { openAccount, accountId } = useSignedIn();
  const [wanted, setWanted] = useState('');
  const find = useMutation({
    mutationFn: (id: string) => ledger.request('get', '/accounts/{accountId}', { path: { accountId: id } }),
    onSuccess: (account) => {
      openAccount(account.id);
      navigate('/');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    find.mutate(wanted.trim());
  };
  return (
    <Card title="Open an account">
      <p>
        Pages now show account <strong>{accountId}</strong>.
      </p>
      <form onSubmit={submit} className="inline-form">
        <TextField
          label="Account id"
          value={wanted}
          onChange={(event) => setWanted(event.target.value)}
          required
          data-testid="find-account"
        />
        <Button type="submit" busy={find.isPending}>
          Open
        </Button>
      </form>
      {find.isError && <ErrorMessage error={find.error} />}
    </Card>
  );
}

function JournalCheck() {
  const check = useMutation({ mutationFn: () => ledger.request('post', '/operator/journal/check', {}) });
  return (
    <Card title="Journal check">
      <p>Recomputes every cached balance from the journal and lists any account that disagrees.</p>
      <Button onClick={() => check.mutate()} busy={check.isPending} data-testid="journal-check">
        Run the check
      </Button>
      {check.isError && <ErrorMessage error={check.error} />}
      {check.isSuccess &&
        (check.data.differences.length === 0 ? (
          <Alert tone="success">
            <span data-testid="journal-check-result">
              {check.data.accountsChecked} accounts checked: every balance equals its journal.
            </span>
          </Alert>
        ) : (
          <Alert tone="danger">
            {check.data.differences.length} of {check.data.accountsChecked} accounts differ:{' '}
            {check.data.differences.map((difference) => difference.accountId).join(', ')}
          </Alert>
        ))}
    </Card>
  );
}

function RateCardEditor() {
  const queryClient = useQueryClient();
  const card = useQuery({ queryKey: ['rate-card'], queryFn: () => ledger.request('get', '/rate-card', {}) });
  const [draft, setDraft] = useState<string | null>(null);
  const text =
    draft ??
    (card.data === undefined
      ? ''
      : Object.entries(card.data.rates)
          .map(([country, rate]) => `${country} ${rate}`)
          .join('\n'));
  const save = useMutation({
    mutationFn: () => {
      const rates = Object.fromEntries(
        text
          .split('\n')
          .map((line) => line.trim().split(/\s+/))
          .filter((parts) => parts.length === 2)
          .map(([country, rate]) => [String(country).toUpperCase(), Number(rate)]),
      ) as Record<string, number>;
      return ledger.request('put', '/rate-card', {
        // The document types the map's values as never (the DTO does not describe them); they are numbers.
        body: {
          defaultMillicreditsPerSegment: card.data?.defaultMillicreditsPerSegment ?? 1000,
          rates: rates as Record<string, never>,
        },
      });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['rate-card'], saved);
      setDraft(null);
    },
  });
  return (
    <Card title="Rate card">
      <p>
        Millicredits per segment by destination country, one per line (“IT 1000”). Default for other
        countries:{' '}
        {card.data === undefined ? '…' : `${formatCredits(card.data.defaultMillicreditsPerSegment)} credits`}.
      </p>
      <div className="field">
        <label htmlFor="rate-card-text">Rates</label>
        <textarea
          id="rate-card-text"
          rows={8}
          value={text}
          onChange={(event) => setDraft(event.target.value)}
        />
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
      {save.isSuccess && <Alert tone="success">Saved and announced to billing.</Alert>}
      <Button onClick={() => save.mutate()} busy={save.isPending} disabled={draft === null}>
        Save rate card
      </Button>
    </Card>
  );
}

function FailedDeliveries() {
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const failed = useQuery({
    queryKey: ['deliveries', 'failed'],
    queryFn: () => notifier.request('get', '/deliveries', { query: { status: 'failed' } }),
  });
  // A resent email leaves the failed list once the notifier has queued it again.
  const resend = useMutation({
    mutationFn: (id: string) => notifier.request('post', '/deliveries/{id}/resend', { path: { id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['deliveries', 'failed'] }),
  });
  return (
    <Card title="Failed deliveries">
      {failed.isError ? (
        <ErrorMessage error={failed.error} />
      ) : failed.data === undefined || failed.data.items.length === 0 ? (
        <p>No failed emails.</p>
      ) : (
        <ul data-testid="failed-deliveries">
          {failed.data.items.map((delivery) => (
            <li key={delivery.id}>
              {formatDateTime(delivery.createdAt, timeZone)} · {delivery.accountId} · {delivery.recipient} ·{' '}
              {delivery.subject} <Badge tone="bad">{delivery.lastError ?? 'failed'}</Badge>{' '}
              <Button
                variant="secondary"
                busy={resend.isPending && resend.variables === delivery.id}
                onClick={() => resend.mutate(delivery.id)}
                aria-label={`Resend ${delivery.subject} to ${delivery.recipient}`}
              >
                Resend
              </Button>
            </li>
          ))}
        </ul>
      )}
      {resend.isError && <ErrorMessage error={resend.error} />}
    </Card>
  );
}
