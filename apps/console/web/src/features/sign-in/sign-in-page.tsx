import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { Alert } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';

const ROLES = ['owner', 'admin', 'billing', 'member', 'operator'] as const;

// Signing in happens at the OpenID Provider; the console only sends people there. On a developer's
// machine without a provider, the development form signs in as any account and role.
export default function SignInPage({ methods }: { methods: { provider: boolean; development: boolean } }) {
  const returnTo = `${window.location.pathname}${window.location.search}`;
  const failed = new URLSearchParams(window.location.search).get('signInError');
  return (
    <main id="main" className="sign-in">
      <h1>SMS credits console</h1>
      {failed !== null && (
        <Alert tone="danger">Signing in did not complete ({failed}). Please try again.</Alert>
      )}
      {methods.provider && (
        <p>
          <a
            className="button button-primary"
            href={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`}
            data-testid="sign-in"
          >
            Sign in
          </a>
        </p>
      )}
      {methods.development && <DevSignIn />}
      {!methods.provider && !methods.development && (
        <Alert tone="warning">No way to sign in is configured.</Alert>
      )}
    </main>
  );
}

function DevSignIn() {
  const [accountId, setAccountId] = useState('acc_demo');
  const [role, setRole] = useState<(typeof ROLES)[number]>('owner');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const response = await fetch('/auth/dev-sign-in', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId, role }),
    });
    setBusy(false);
    if (!response.ok) {
      setError(`Sign-in refused (${response.status})`);
      return;
    }
    window.location.reload();
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="card" aria-labelledby="dev-sign-in-title">
      <h2 id="dev-sign-in-title">Development sign-in</h2>
      <p className="hint">This machine has no identity provider configured: choose an account and a role.</p>
      <TextField
        label="Account"
        value={accountId}
        onChange={(event) => setAccountId(event.target.value)}
        required
      />
      <SelectField
        label="Role"
        value={role}
        onChange={(event) => setRole(event.target.value as (typeof ROLES)[number])}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      {error !== null && <Alert tone="danger">{error}</Alert>}
      <Button type="submit" busy={busy} data-testid="dev-sign-in">
        Sign in
      </Button>
    </form>
  );
}
