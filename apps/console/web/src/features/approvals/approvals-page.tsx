import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { billing } from '../../api/http';
import { useTimeZone } from '../../app/account';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card, PageHeader } from '../../components/card';
import { ErrorMessage, Loading } from '../../components/feedback';
import { OrderDetails } from '../buy-credits/order-details';

// Orders that wait for the signed-in person's decision.
export default function ApprovalsPage() {
  const { accountId, user } = useSignedIn();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const me = (user.email ?? user.subject).toLowerCase();
  const orders = useQuery({
    queryKey: ['orders', accountId],
    queryFn: () =>
      billing.request('get', '/accounts/{accountId}/orders', {
        path: { accountId },
        query: { limit: '100' },
      }),
    refetchInterval: 10_000,
  });
  const decide = useMutation({
    mutationFn: ({ orderId, decision }: { orderId: string; decision: 'approve' | 'decline' }) =>
      decision === 'approve'
        ? billing.request('post', '/accounts/{accountId}/orders/{orderId}/approve', {
            path: { accountId, orderId },
          })
        : billing.request('post', '/accounts/{accountId}/orders/{orderId}/decline', {
            path: { accountId, orderId },
            body: {},
          }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['orders', accountId] }),
  });
  if (orders.isPending) {
    return <Loading what="approvals" />;
  }
  if (orders.isError) {
    return <ErrorMessage error={orders.error} />;
  }
  const waiting = orders.data.filter(
    (order) =>
      order.status === 'awaiting_approval' &&
      (user.role === 'operator' || order.approver?.email.toLowerCase() === me),
  );
  return (
    <>
      <PageHeader title="Approvals" />
      {decide.isError && <ErrorMessage error={decide.error} />}
      {waiting.length === 0 ? (
        <p data-testid="approvals-empty">Nothing waits for your approval.</p>
      ) : (
        waiting.map((order) => (
          <Card key={order.id} title={`Requested by ${order.requester.name}`}>
            <OrderDetails order={order} timeZone={timeZone} />
            <div className="actions">
              <Button
                busy={decide.isPending && decide.variables.orderId === order.id}
                onClick={() => decide.mutate({ orderId: order.id, decision: 'approve' })}
                data-testid="approve"
              >
                Approve
              </Button>
              <Button
                variant="danger"
                onClick={() => decide.mutate({ orderId: order.id, decision: 'decline' })}
              >
                Decline
              </Button>
            </div>
          </Card>
        ))
      )}
    </>
  );
}
