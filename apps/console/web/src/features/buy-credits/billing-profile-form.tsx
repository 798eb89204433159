import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { billing } from '../../api/http';
import { useAccount } from '../../app/account';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorMessage } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';

const CURRENCIES = ['EUR', 'USD'];

// Quotes and orders are priced in the account's currency and invoiced to its legal name: an account
// without a billing profile states them once, here.
export function BillingProfileForm() {
  const { accountId, user } = useSignedIn();
  const account = useAccount();
  const queryClient = useQueryClient();
  const [legalName, setLegalName] = useState('');
  const [email, setEmail] = useState(user.email ?? '');
  const [country, setCountry] = useState(account.data?.homeCountry ?? 'IT');
  const [currency, setCurrency] = useState('EUR');
  const save = useMutation({
    mutationFn: () =>
      billing.request('put', '/accounts/{accountId}/billing-profile', {
        path: { accountId },
        body: {
          legalName,
          email,
          country: country.toUpperCase(),
          currency,
          timeZone: account.data?.timeZone ?? 'UTC',
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['billing-profile', accountId] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card title="Billing details">
      <p>Before the first purchase, say who is invoiced and in which currency.</p>
      <form onSubmit={submit} data-testid="billing-profile-form">
        <TextField
          label="Legal name"
          value={legalName}
          onChange={(event) => setLegalName(event.target.value)}
          required
        />
        <TextField
          label="Invoice email"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
        />
        <TextField
          label="Country (ISO code)"
          value={country}
          maxLength={2}
          onChange={(event) => setCountry(event.target.value)}
          required
        />
        <SelectField label="Currency" value={currency} onChange={(event) => setCurrency(event.target.value)}>
          {CURRENCIES.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
        {save.isError && <ErrorMessage error={save.error} />}
        <Button type="submit" busy={save.isPending}>
          Save billing details
        </Button>
      </form>
    </Card>
  );
}
