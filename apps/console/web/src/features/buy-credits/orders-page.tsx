import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { billing } from '../../api/http';
import { useTimeZone } from '../../app/account';
import { useSignedIn } from '../../app/session';
import { Button } from '../../components/button';
import { Card, PageHeader } from '../../components/card';
import { ErrorMessage, Loading } from '../../components/feedback';
import { formatCredits } from '../../format/credits';
import { formatDateTime } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { OrderDetails, OrderStatusBadge } from './order-details';

export default function OrdersPage() {
  const { accountId } = useSignedIn();
  const timeZone = useTimeZone();
  const [open, setOpen] = useState<string | null>(null);
  const orders = useQuery({
    queryKey: ['orders', accountId],
    queryFn: () =>
      billing.request('get', '/accounts/{accountId}/orders', { path: { accountId }, query: { limit: 50 } }),
    refetchInterval: 10_000,
  });
  const detail = useQuery({
    queryKey: ['order', accountId, open],
    queryFn: () =>
      billing.request('get', '/accounts/{accountId}/orders/{orderId}', {
        path: { accountId, orderId: open ?? '' },
      }),
    enabled: open !== null,
  });
  return (
    <>
      <PageHeader title="Orders" />
      <Card title="Orders of this account">
        {orders.isPending ? (
          <Loading what="orders" />
        ) : orders.isError ? (
          <ErrorMessage error={orders.error} />
        ) : orders.data.items.length === 0 ? (
          <p>No orders yet.</p>
        ) : (
          <table className="table" data-testid="orders">
            <thead>
              <tr>
                <th scope="col">Placed ({timeZone})</th>
                <th scope="col">Kind</th>
                <th scope="col" className="number">
                  Credits
                </th>
                <th scope="col" className="number">
                  Amount
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {orders.data.items.map((order) => (
                <tr key={order.id}>
                  <td>{formatDateTime(order.createdAt, timeZone)}</td>
                  <td>{order.kind.replaceAll('_', ' ')}</td>
                  <td className="number">{formatCredits(order.amountMillicredits)}</td>
                  <td className="number">{formatMoney(order.amountMinor, order.currency)}</td>
                  <td>
                    <OrderStatusBadge status={order.status} />
                  </td>
                  <td>
                    <Button
                      variant="secondary"
                      onClick={() => setOpen(order.id)}
                      aria-label={`Timeline of order ${order.id}`}
                    >
                      Timeline
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {open !== null && (
        <Card title="Order timeline">
          {detail.data === undefined ? (
            <Loading what="the order" />
          ) : (
            <OrderDetails order={detail.data} timeZone={timeZone} />
          )}
        </Card>
      )}
    </>
  );
}
