import type { OrderStatusName } from '@sms/contracts';

export type OrderKind = 'one_time' | 'subscription' | 'auto_topup';
export type PaymentKind = 'card' | 'bank_transfer';

export interface Person {
  name: string;
  email: string;
}

export interface Order {
  id: string;
  accountId: string;
  kind: OrderKind;
  status: OrderStatusName;
  credits: number;
  amountMinor: number;
  currency: string;
  tierMinCredits: number | null;
  packCode: string | null;
  paymentKind: PaymentKind;
  paymentMethodId: string | null;
  bankReference: string | null;
  // Money received so far by bank transfer (minor units); more than amountMinor means overpaid.
  receivedMinor: number;
  // Money given back by card refunds (minor units).
  refundedMinor: number;
  scheduledFor: string | null;
  requester: { subject: string; name: string; email: string | null };
  approver: Person | null;
  subscriptionId: string | null;
  failureReason: string | null;
  paidAt: string | null;
  creditedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TimelineEntry {
  status: OrderStatusName;
  previousStatus: OrderStatusName | null;
  reason: string | null;
  actor: string;
  at: string;
}

// Where an order may go next. Terminal: failed, cancelled, declined, refunded, charged_back; a
// credited order only moves again when its money goes back (refund or card dispute).
const AFTER_PAYMENT: readonly OrderStatusName[] = ['partially_refunded', 'refunded', 'disputed'];
const NEXT: Record<OrderStatusName, readonly OrderStatusName[]> = {
  created: ['awaiting_approval', 'scheduled', 'awaiting_payment', 'cancelled'],
  awaiting_approval: ['approved', 'declined', 'cancelled'],
  approved: ['scheduled', 'awaiting_payment', 'cancelled'],
  scheduled: ['awaiting_payment', 'cancelled'],
  awaiting_payment: ['underpaid', 'paid', 'failed', 'cancelled'],
  // A bank transfer short of the amount due: the order keeps waiting; every further transfer is one
  // more step on the timeline until the total covers it.
  underpaid: ['underpaid', 'paid'],
  paid: ['credited', ...AFTER_PAYMENT],
  credited: AFTER_PAYMENT,
  partially_refunded: AFTER_PAYMENT,
  // A dispute won returns the order to where it was; a dispute lost is final.
  disputed: ['paid', 'credited', 'partially_refunded', 'charged_back'],
  refunded: [],
  charged_back: [],
  failed: [],
  cancelled: [],
  declined: [],
};

export function canTransition(from: OrderStatusName, to: OrderStatusName): boolean {
  return NEXT[from].includes(to);
}

// Customers may cancel until money is on its way: a card charge in flight cannot be called back.
export function isCancellable(order: Pick<Order, 'status' | 'paymentKind'>): boolean {
  if (order.status === 'awaiting_payment') {
    return order.paymentKind === 'bank_transfer';
  }
  return canTransition(order.status, 'cancelled');
}
