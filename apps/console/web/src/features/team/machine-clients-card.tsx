import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { identity } from '../../api/http';
import { useTimeZone } from '../../app/account';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Badge, ErrorMessage, Loading } from '../../components/feedback';
import { TextField } from '../../components/field';
import { formatDateTime } from '../../format/dates';

interface ShownSecret {
  clientId: string;
  name: string;
  clientSecret: string;
}

// Machine clients for SMS gateways (client credentials, role gateway). Identity keeps only a hash of
// each secret and answers it once, on creation: the console holds it in this component's state until
// the person dismisses it, never in the query cache, so it is gone on the next visit.
export function MachineClientsCard() {
  const { accountId } = useSignedIn();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [copied, setCopied] = useState(false);
  const clients = useQuery({
    queryKey: ['machine-clients', accountId],
    queryFn: () => identity.request('get', '/accounts/{accountId}/clients', { path: { accountId } }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['machine-clients', accountId] });
  const create = useMutation({
    mutationFn: () =>
      identity.request('post', '/accounts/{accountId}/clients', {
        path: { accountId },
        body: { name: name.trim() },
      }),
    onSuccess: (created) => {
      setShown({ clientId: created.clientId, name: created.name, clientSecret: created.clientSecret });
      setCopied(false);
      setName('');
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (clientId: string) =>
      identity.request('delete', '/accounts/{accountId}/clients/{clientId}', {
        path: { accountId, clientId },
      }),
    onSettled: refresh,
  });
  const copy = async (secret: string) => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Card title="Machine clients">
      <p className="hint">
        SMS gateways sign in with a client id and secret (OAuth client credentials) and may only take holds,
        read the rate card and the available balance.
      </p>
      {shown !== null && (
        <div className="alert alert-warning" role="alert" data-testid="client-secret-once">
          <p>
            The secret of <strong>{shown.name}</strong> ({shown.clientId}) is shown this once; it cannot be
            read again. Store it in the gateway&apos;s configuration now.
          </p>
          <p>
            <code data-testid="client-secret">{shown.clientSecret}</code>
          </p>
          <Button variant="secondary" onClick={() => void copy(shown.clientSecret)} data-testid="copy-secret">
            {copied ? 'Copied' : 'Copy secret'}
          </Button>{' '}
          <Button variant="secondary" onClick={() => setShown(null)} data-testid="dismiss-secret">
            I have stored it
          </Button>
        </div>
      )}
      <form onSubmit={submit} className="inline-form" data-testid="create-client">
        <TextField
          label="Client name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          hint="What the client is, e.g. Main SMS gateway"
        />
        <Button type="submit" busy={create.isPending} data-testid="create-client-submit">
          Create client
        </Button>
      </form>
      {create.isError && <ErrorMessage error={create.error} />}
      {clients.isPending && <Loading what="machine clients" />}
      {clients.isError && <ErrorMessage error={clients.error} />}
      {clients.data !== undefined &&
        (clients.data.length === 0 ? (
          <p>No machine client.</p>
        ) : (
          <table className="table" data-testid="machine-clients">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Client id</th>
                <th scope="col">Created</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {clients.data.map((client) => (
                <tr key={client.clientId}>
                  <td>{client.name}</td>
                  <td>
                    <code>{client.clientId}</code>
                  </td>
                  <td>{formatDateTime(client.createdAt, timeZone)}</td>
                  <td>
                    {client.revokedAt === null || client.revokedAt === undefined ? (
                      <Badge tone="good">active</Badge>
                    ) : (
                      <Badge tone="bad">revoked {formatDateTime(client.revokedAt, timeZone)}</Badge>
                    )}
                  </td>
                  <td>
                    {(client.revokedAt === null || client.revokedAt === undefined) && (
                      <Button
                        variant="danger"
                        busy={revoke.isPending && revoke.variables === client.clientId}
                        onClick={() => revoke.mutate(client.clientId)}
                        aria-label={`Revoke ${client.name}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {revoke.isError && <ErrorMessage error={revoke.error} />}
    </Card>
  );
}
