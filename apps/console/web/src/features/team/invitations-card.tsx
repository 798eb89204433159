import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { identity } from '../../api/http';
import { useTimeZone } from '../../app/account';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorMessage, Loading } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { formatDateTime } from '../../format/dates';
import { assignableRoles, type MemberRole } from './team-rules';

export function InvitationsCard() {
  const { accountId, user } = useSignedIn();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const roles = assignableRoles(user.role);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  const invitations = useQuery({
    queryKey: ['invitations', accountId],
    queryFn: () => identity.request('get', '/accounts/{accountId}/invitations', { path: { accountId } }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['invitations', accountId] });
  const invite = useMutation({
    mutationFn: () =>
      identity.request('post', '/accounts/{accountId}/invitations', {
        path: { accountId },
        body: { email: email.trim(), role },
      }),
    onSuccess: () => {
      setEmail('');
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (invitationId: string) =>
      identity.request('delete', '/accounts/{accountId}/invitations/{invitationId}', {
        path: { accountId, invitationId },
      }),
    onSettled: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  const pending = invitations.data?.filter((invitation) => invitation.status === 'pending') ?? [];
  return (
    <Card title="Invitations">
      <form onSubmit={submit} className="inline-form" data-testid="invite">
        <TextField
          label="Email"
          type="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(event) => setRole(event.target.value as MemberRole)}
        >
          {roles.map((candidate) => (
            <option key={candidate} value={candidate}>
              {candidate}
            </option>
          ))}
        </SelectField>
        <Button type="submit" busy={invite.isPending} data-testid="send-invitation">
          Invite
        </Button>
      </form>
      {invite.isError && <ErrorMessage error={invite.error} />}
      {invitations.isPending && <Loading what="invitations" />}
      {invitations.isError && <ErrorMessage error={invitations.error} />}
      {invitations.data !== undefined &&
        (pending.length === 0 ? (
          <p>No pending invitation.</p>
        ) : (
          <table className="table" data-testid="invitations">
            <caption>Pending invitations; each link works once, until it expires</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pending.map((invitation) => (
                <tr key={invitation.invitationId}>
                  <td>{invitation.email}</td>
                  <td>{invitation.role}</td>
                  <td>{formatDateTime(invitation.expiresAt, timeZone)}</td>
                  <td>
                    <Button
                      variant="danger"
                      busy={revoke.isPending && revoke.variables === invitation.invitationId}
                      onClick={() => revoke.mutate(invitation.invitationId)}
                      aria-label={`Revoke the invitation of ${invitation.email}`}
                    >
                      Revoke
                    </Button>
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
