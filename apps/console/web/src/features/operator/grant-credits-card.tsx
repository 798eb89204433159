import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ledger } from '../../api/http';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Alert, ErrorMessage } from '../../components/feedback';
import { RadioGroup, TextField } from '../../components/field';
import { formatCredits } from '../../format/credits';
import { type AdjustmentKind, adjustmentProblem, parseCreditsInput } from './credits-input';

// Goodwill credits and corrections for the open account, each with its reason in the journal. One
// idempotency key per filled-in form: a double click or a retry after a timeout grants once.
export function GrantCreditsCard() {
  const { accountId } = useSignedIn();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<AdjustmentKind>('goodwill');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [expiryDate, setExpiryDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const grant = useMutation({
    mutationFn: (amountMillicredits: number) =>
      ledger.request('post', '/accounts/{accountId}/adjustments', {
        path: { accountId },
        headers: { 'idempotency-key': idempotencyKey },
        body: {
          kind,
          amountMillicredits,
          reason: reason.trim(),
          ...(expiryDate === '' ? {} : { expiryDate }),
        },
      }),
    onSuccess: () => {
      setAmount('');
      setReason('');
      setExpiryDate('');
      setIdempotencyKey(crypto.randomUUID());
      void queryClient.invalidateQueries({ queryKey: ['balance', accountId] });
      void queryClient.invalidateQueries({ queryKey: ['journal', accountId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseCreditsInput(amount);
    const found = parsed.ok
      ? adjustmentProblem({ kind, millicredits: parsed.millicredits, reason })
      : parsed.problem;
    setProblem(found);
    if (found === null && parsed.ok) {
      grant.mutate(parsed.millicredits);
    }
  };
  return (
    <Card title="Grant or correct credits">
      <form onSubmit={submit} data-testid="grant-credits">
        <RadioGroup
          legend="Kind"
          name="adjustment-kind"
          value={kind}
          onChange={setKind}
          options={[
            { value: 'goodwill', label: 'Goodwill (adds credits)' },
            { value: 'correction', label: 'Correction (adds or takes away; negative to take away)' },
          ]}
        />
        <TextField
          label="Credits"
          inputMode="decimal"
          required
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          error={problem}
        />
        <TextField
          label="Reason"
          required
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          hint="Kept in the journal with your name"
        />
        <TextField
          label="Last valid day (optional)"
          type="date"
          value={expiryDate}
          onChange={(event) => setExpiryDate(event.target.value)}
          hint="In the account's time zone; empty: the credits never expire"
        />
        <Button type="submit" busy={grant.isPending} data-testid="grant-submit">
          Grant
        </Button>
      </form>
      {grant.isError && <ErrorMessage error={grant.error} />}
      {grant.isSuccess && (
        <Alert tone="success">
          <span data-testid="grant-result">
            {formatCredits(grant.data.amountMillicredits)} credits ({grant.data.kind}) recorded; the balance
            is now {formatCredits(grant.data.balanceMillicredits)} credits.
          </span>
        </Alert>
      )}
    </Card>
  );
}
