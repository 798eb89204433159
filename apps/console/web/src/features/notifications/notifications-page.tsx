import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, notifier } from '../../api/http';
import type { components } from '../../api/openapi/notifier';
import { useTimeZone } from '../../app/account';
import { can } from '../../app/permissions';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card, PageHeader } from '../../components/card';
import { Alert, Badge, ErrorMessage, Loading } from '../../components/feedback';
import { TextField } from '../../components/field';
import { creditsToMillicredits, millicreditsToCredits } from '../../format/credits';
import { formatDateTime } from '../../format/dates';

type Settings = components['schemas']['NotificationSettingsView'];
type RecipientKind = keyof Settings['recipients'];

const KINDS: { kind: RecipientKind; label: string }[] = [
  { kind: 'lowBalance', label: 'Low balance and daily reminders' },
  { kind: 'depleted', label: 'Credits depleted' },
  { kind: 'receipt', label: 'Receipts' },
  { kind: 'expiry', label: 'Credits expiring and expired' },
  { kind: 'autoTopUp', label: 'Auto top-up problems' },
  { kind: 'invoice', label: 'Invoices' },
];

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

export default function NotificationsPage() {
  const { accountId, user } = useSignedIn();
  const settings = useQuery({
    queryKey: ['notification-settings', accountId],
    queryFn: async () => {
      try {
        return await notifier.request('get', '/accounts/{accountId}/notification-settings', {
          path: { accountId },
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          return null;
        }
        throw error;
      }
    },
  });
  if (settings.isPending) {
    return <Loading what="notification settings" />;
  }
  if (settings.isError) {
    return <ErrorMessage error={settings.error} />;
  }
  return (
    <>
      <PageHeader title="Notifications" />
      <SettingsForm
        accountId={accountId}
        current={settings.data}
        editable={can(user.role, 'manageNotifications')}
      />
      {can(user.role, 'readDeliveries') && <DeliveryLog accountId={accountId} />}
    </>
  );
}

function SettingsForm({
  accountId,
  current,
  editable,
}: {
  accountId: string;
  current: Settings | null;
  editable: boolean;
}) {
  const queryClient = useQueryClient();
  const timeZone = useTimeZone();
  const [recipients, setRecipients] = useState<Record<RecipientKind, string>>(
    () =>
      Object.fromEntries(
        KINDS.map(({ kind }) => [kind, (current?.recipients[kind] ?? []).join(', ')]),
      ) as Record<RecipientKind, string>,
  );
  const [levels, setLevels] = useState(
    (current?.lowBalanceLevelsMillicredits.map(millicreditsToCredits) ?? [5000, 1000]).join(', '),
  );
  const [dailyReminder, setDailyReminder] = useState(current?.dailyReminder ?? true);
  const save = useMutation({
    mutationFn: () =>
      notifier.request('put', '/accounts/{accountId}/notification-settings', {
        path: { accountId },
        body: {
          recipients: Object.fromEntries(
            KINDS.map(({ kind }) => [kind, list(recipients[kind])]),
          ) as Settings['recipients'],
          lowBalanceLevelsMillicredits: list(levels).map((level) => creditsToMillicredits(Number(level))),
          dailyReminder,
          language: 'en',
          timeZone: current?.timeZone ?? timeZone,
        },
      }),
    onSuccess: (saved) => queryClient.setQueryData(['notification-settings', accountId], saved),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card title="Who is told what">
      <form onSubmit={submit}>
        <fieldset disabled={!editable}>
          <legend className="visually-hidden">Recipients</legend>
          {KINDS.map(({ kind, label }) => (
            <TextField
              key={kind}
              label={label}
              value={recipients[kind]}
              onChange={(event) => setRecipients({ ...recipients, [kind]: event.target.value })}
              hint="Email addresses, separated by commas"
            />
          ))}
          <TextField
            label="Low-balance levels (credits)"
            value={levels}
            onChange={(event) => setLevels(event.target.value)}
            hint="For example 5000, 1000"
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={dailyReminder}
              onChange={(event) => setDailyReminder(event.target.checked)}
            />
            <span>Remind daily while the balance stays low</span>
          </label>
        </fieldset>
        {save.isError && <ErrorMessage error={save.error} />}
        {save.isSuccess && <Alert tone="success">Saved.</Alert>}
        {editable && (
          <Button type="submit" busy={save.isPending}>
            Save
          </Button>
        )}
      </form>
    </Card>
  );
}

function DeliveryLog({ accountId }: { accountId: string }) {
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const log = useQuery({
    queryKey: ['deliveries', accountId],
    queryFn: () =>
      notifier.request('get', '/accounts/{accountId}/deliveries', {
        path: { accountId },
        query: { limit: 50 },
      }),
    refetchInterval: 15_000,
  });
  const resend = useMutation({
    mutationFn: (id: string) => notifier.request('post', '/deliveries/{id}/resend', { path: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['deliveries', accountId] }),
  });
  return (
    <Card title="Delivery log">
      {log.isPending ? (
        <Loading what="deliveries" />
      ) : log.isError ? (
        <ErrorMessage error={log.error} />
      ) : log.data.items.length === 0 ? (
        <p>No emails yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When ({timeZone})</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((delivery) => (
              <tr key={delivery.id}>
                <td>{formatDateTime(delivery.createdAt, timeZone)}</td>
                <td>{delivery.recipient}</td>
                <td>{delivery.subject}</td>
                <td>
                  <Badge
                    tone={
                      delivery.status === 'sent' ? 'good' : delivery.status === 'failed' ? 'bad' : 'neutral'
                    }
                  >
                    {delivery.status}
                  </Badge>
                  {delivery.lastError !== null && <span className="muted"> {delivery.lastError}</span>}
                </td>
                <td>
                  {delivery.status === 'failed' && (
                    <Button variant="secondary" onClick={() => resend.mutate(delivery.id)}>
                      Resend
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
