import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { identity } from '../../api/http';
import { useTimeZone } from '../../app/account';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorMessage, Loading } from '../../components/feedback';
import { formatDate } from '../../format/dates';
import { assignableRoles, isLastOwner, mayManageMember, type MemberRole } from './team-rules';

export function MembersCard() {
  const { accountId, user } = useSignedIn();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const members = useQuery({
    queryKey: ['members', accountId],
    queryFn: () => identity.request('get', '/accounts/{accountId}/members', { path: { accountId } }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['members', accountId] });
  const changeRole = useMutation({
    mutationFn: (input: { userId: string; role: MemberRole }) =>
      identity.request('patch', '/accounts/{accountId}/members/{userId}', {
        path: { accountId, userId: input.userId },
        body: { role: input.role },
      }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) =>
      identity.request('delete', '/accounts/{accountId}/members/{userId}', { path: { accountId, userId } }),
    onSettled: refresh,
  });
  const roles = assignableRoles(user.role);
  return (
    <Card title="Members">
      {members.isPending && <Loading what="members" />}
      {members.isError && <ErrorMessage error={members.error} />}
      {members.data !== undefined && (
        <table className="table" data-testid="members">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Member since</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((member) => {
              const lastOwner = isLastOwner(members.data, member);
              const manageable = mayManageMember(user.role, member.role) && !lastOwner;
              return (
                <tr key={member.userId}>
                  <td>{member.name}</td>
                  <td>{member.email}</td>
                  <td>
                    {manageable ? (
                      <select
                        aria-label={`Role of ${member.email}`}
                        value={member.role}
                        disabled={changeRole.isPending}
                        onChange={(event) =>
                          changeRole.mutate({ userId: member.userId, role: event.target.value as MemberRole })
                        }
                      >
                        {roles.map((role) => (
                          <option key={role} value={role}>
                            {role}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <>
                        {member.role}
                        {lastOwner && <span className="hint"> (the last owner stays)</span>}
                      </>
                    )}
                  </td>
                  <td>{formatDate(member.since, timeZone)}</td>
                  <td>
                    {manageable && (
                      <Button
                        variant="danger"
                        busy={remove.isPending && remove.variables === member.userId}
                        onClick={() => remove.mutate(member.userId)}
                        aria-label={`Remove ${member.email}`}
                      >
                        Remove
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {changeRole.isError && <ErrorMessage error={changeRole.error} />}
      {remove.isError && <ErrorMessage error={remove.error} />}
    </Card>
  );
}
