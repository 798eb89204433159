import type { OrderView } from '../../api/views';
import { Badge } from '../../components/feedback';
import { formatCredits } from '../../format/credits';
import { formatDateTime, formatDay } from '../../format/dates';
import { formatMoney } from '../../format/money';

const STATUS_TONE: Record<OrderView['status'], 'neutral' | 'good' | 'warn' | 'bad'> = {
  created: 'neutral',
  awaiting_approval: 'warn',
  approved: 'neutral',
  scheduled: 'neutral',
  awaiting_payment: 'warn',
  underpaid: 'warn',
  paid: 'good',
  credited: 'good',
  partially_refunded: 'warn',
  refunded: 'neutral',
  disputed: 'warn',
  charged_back: 'bad',
  failed: 'bad',
  cancelled: 'bad',
  declined: 'bad',
};

export function OrderStatusBadge({ status }: { status: OrderView['status'] }) {
  return <Badge tone={STATUS_TONE[status]}>{status.replaceAll('_', ' ')}</Badge>;
}

// One order: what, how much, how it is paid (with the bank details to pay a transfer) and its timeline.
export function OrderDetails({ order, timeZone }: { order: OrderView; timeZone: string }) {
  return (
    <div className="order" data-testid="order-details">
      <p>
        <strong>{formatCredits(order.amountMillicredits)} credits</strong> for{' '}
        {formatMoney(order.amountMinor, order.currency)} ·{' '}
        <span data-testid="order-status">
          <OrderStatusBadge status={order.status} />
        </span>
        {order.scheduledFor !== null && <> · on {formatDay(order.scheduledFor.slice(0, 10))}</>}
      </p>
      {order.approver !== null && (
        <p>
          Approver: {order.approver.name} ({order.approver.email})
        </p>
      )}
      {order.failureReason !== null && <p className="error">Reason: {order.failureReason}</p>}
      {order.bankTransfer !== undefined && order.bankTransfer !== null && (
        <dl className="bank-details" data-testid="bank-details">
          <dt>Beneficiary</dt>
          <dd>{order.bankTransfer.beneficiary}</dd>
          <dt>IBAN</dt>
          <dd>{order.bankTransfer.iban}</dd>
          <dt>BIC</dt>
          <dd>{order.bankTransfer.bic}</dd>
          <dt>Reference (write it on the transfer)</dt>
          <dd>
            <strong>{order.bankTransfer.reference}</strong>
          </dd>
          <dt>Amount</dt>
          <dd>{formatMoney(order.bankTransfer.amountMinor, order.bankTransfer.currency)}</dd>
        </dl>
      )}
      {order.timeline !== undefined && order.timeline.length > 0 && (
        <ol className="timeline" aria-label="Order timeline">
          {order.timeline.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <OrderStatusBadge status={entry.status} /> {formatDateTime(entry.at, timeZone)}
              {entry.reason !== null && <span className="muted"> — {entry.reason}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
