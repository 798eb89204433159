// The topic catalogue. sms.sent, payment.succeeded and balance.low are fixed by the customer's design.
export const Topics = {
  SmsSent: 'sms.sent',
  CreditsGranted: 'credits.granted',
  CreditsApplied: 'credits.applied',
  CreditsReversed: 'credits.reversed',
  CreditsReinstated: 'credits.reinstated',
  CreditsExpiring: 'credits.expiring',
  CreditsExpired: 'credits.expired',
  BalanceLow: 'balance.low',
  BalanceRecovered: 'balance.recovered',
  BalanceDepleted: 'balance.depleted',
  BalanceMonitorsConfigured: 'balance-monitors.configured',
  RateCardUpdated: 'rate-card.updated',
  PaymentRequested: 'payment.requested',
  PaymentSucceeded: 'payment.succeeded',
  PaymentFailed: 'payment.failed',
  OrderApprovalRequested: 'order.approval-requested',
  OrderStatusChanged: 'order.status-changed',
  AutoTopUpFailed: 'autotopup.failed',
  InvoiceIssued: 'invoice.issued',
  AccountContactsUpdated: 'account.contacts-updated',
  InvitationCreated: 'identity.invitation-created',
  PasswordResetRequested: 'identity.password-reset-requested',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

// Where a consumer group parks what it cannot process, with the reason in the headers.
export function deadLetterTopic(group: string, topic: string): string {
  return `${group}.${topic}.dlq`;
}

// Prefix of the consumer groups a service reads its own dead-letter topics with (for the operator's
// console): throwaway groups that commit nothing, one per read, so two reads never rebalance each other.
export function deadLetterReaderGroupPrefix(service: string): string {
  return `${service}.dlq-reader.`;
}

// The consumer group of a service on one of its topics: offsets are tracked per service and topic.
export function consumerGroup(service: string, topic: string): string {
  return `${service}.${topic}`;
}
