import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ledger } from '../../api/http';
import { useTimeZone } from '../../app/account';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Alert, ErrorMessage, Loading } from '../../components/feedback';
import { TextField } from '../../components/field';
import { formatCredits } from '../../format/credits';
import { formatDateTime } from '../../format/dates';
import { parseCreditsInput } from './credits-input';

// The open account's overdraft: how far below zero holds may take its available credits. Every change
// carries a reason and is kept with who made it.
export function CreditLimitCard() {
  const { accountId } = useSignedIn();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const current = useQuery({
    queryKey: ['credit-limit', accountId],
    queryFn: () => ledger.request('get', '/accounts/{accountId}/credit-limit', { path: { accountId } }),
  });
  const changes = useQuery({
    queryKey: ['credit-limit', accountId, 'changes'],
    queryFn: () =>
      ledger.request('get', '/accounts/{accountId}/credit-limit/changes', {
        path: { accountId },
        query: { limit: 10 },
      }),
  });
  const change = useMutation({
    mutationFn: (overdraftMillicredits: number) =>
      ledger.request('put', '/accounts/{accountId}/credit-limit', {
        path: { accountId },
        body: { overdraftMillicredits, reason: reason.trim() },
      }),
    onSuccess: () => {
      setAmount('');
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['credit-limit', accountId] });
      void queryClient.invalidateQueries({ queryKey: ['balance', accountId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseCreditsInput(amount);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    if (parsed.millicredits < 0) {
      setProblem('The overdraft is zero or more credits');
      return;
    }
    setProblem(null);
    change.mutate(parsed.millicredits);
  };
  return (
    <Card title="Credit limit">
      {current.isPending && <Loading what="the credit limit" />}
      {current.isError && <ErrorMessage error={current.error} />}
      {current.data !== undefined && (
        <p>
          Account <strong>{accountId}</strong> may go{' '}
          <strong data-testid="overdraft">{formatCredits(current.data.overdraftMillicredits)}</strong> credits
          below zero.
        </p>
      )}
      <form onSubmit={submit} className="inline-form" data-testid="credit-limit-form">
        <TextField
          label="New overdraft (credits)"
          inputMode="decimal"
          required
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          error={problem}
        />
        <TextField
          label="Reason for the credit limit"
          required
          minLength={3}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <Button type="submit" busy={change.isPending} data-testid="change-credit-limit">
          Change credit limit
        </Button>
      </form>
      {change.isError && <ErrorMessage error={change.error} />}
      {change.isSuccess && <Alert tone="success">Credit limit changed.</Alert>}
      {changes.data !== undefined && changes.data.items.length > 0 && (
        <table className="table" data-testid="credit-limit-changes">
          <caption>Changes, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">By</th>
              <th scope="col" className="number">
                From
              </th>
              <th scope="col" className="number">
                To
              </th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {changes.data.items.map((item) => (
              <tr key={item.id}>
                <td>{formatDateTime(item.changedAt, timeZone)}</td>
                <td>{item.changedBy}</td>
                <td className="number">{formatCredits(item.oldOverdraftMillicredits)}</td>
                <td className="number">{formatCredits(item.newOverdraftMillicredits)}</td>
                <td>{item.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
