// Response shapes of the ledger and billing routes. Their OpenAPI documents describe paths,
// parameters and request bodies (the generated types in ./openapi) but not yet these responses,
// so the console names what it reads here, in one place, mirroring the services' own views.

export interface AccountView {
  id: string;
  timeZone: string;
  homeCountry: string;
  consumptionPolicy: 'non_expiring_first' | 'soonest_expiry_first';
  defaultValidityDays: number | null;
  overdraftMillicredits: number;
  listMode: 'shared' | 'allocated';
  balanceMillicredits: number;
  heldMillicredits: number;
  depleted: boolean;
}

export interface SmsEstimateView {
  country: string;
  millicreditsPerSegment: number;
  estimatedSmsLeft: number;
}

export interface LotView {
  lotId: string;
  source: string;
  grantedMillicredits: number;
  remainingMillicredits: number;
  expiryDate: string | null;
  expiresAt: string | null;
}

export interface ListAllocationView {
  listId: string;
  remainingMillicredits: number;
  spentMillicredits: number;
}

export interface BalanceView {
  accountId: string;
  balanceMillicredits: number;
  heldMillicredits: number;
  availableMillicredits: number;
  deficitMillicredits: number;
  lots: LotView[];
  lists: { mode: 'shared' | 'allocated'; allocations: ListAllocationView[] };
  expiringWithin30DaysMillicredits: number;
  home: SmsEstimateView;
  chosen?: SmsEstimateView;
}

export interface JournalEntryView {
  id: string;
  kind: string;
  amountMillicredits: number;
  reference: string | null;
  listId: string | null;
  campaignId: string | null;
  createdAt: string;
}

export interface PageView<T> {
  items: T[];
  // Pass back as cursor= for the next page; null on the last one.
  nextCursor: string | null;
}

export interface UsageBucketView {
  period: string;
  listId: string | null;
  messages: number;
  segments: number;
  chargedMillicredits: number;
}

export interface JournalCheckView {
  accountsChecked: number;
  differences: { accountId: string; [field: string]: unknown }[];
}

export interface RateCardView {
  defaultMillicreditsPerSegment: number;
  rates: Record<string, number>;
}

export interface BillingProfileView {
  accountId: string;
  legalName: string;
  email: string;
  country: string;
  currency: string;
  timeZone: string;
}

export interface PriceTierView {
  minMillicredits: number;
  pricePer1000Minor: number;
}

export interface PricePackView {
  code: string;
  amountMillicredits: number;
  priceMinor: number;
}

export interface PriceListView {
  currency: string;
  purchaseStepMillicredits: number;
  minMillicredits: number;
  tiers: PriceTierView[];
  packs: PricePackView[];
}

export interface QuoteView {
  currency: string;
  amountMillicredits: number;
  amountMinor: number;
  tier: { minMillicredits: number; maxMillicredits: number | null; pricePer1000Minor: number } | null;
  pack: string | null;
  purchaseStepMillicredits: number;
  homeCountry: string;
  smsPerCountry: { country: string; millicreditsPerSegment: number; sms: number }[];
}

export type OrderStatus =
  | 'created'
  | 'awaiting_approval'
  | 'approved'
  | 'scheduled'
  | 'awaiting_payment'
  | 'paid'
  | 'credited'
  | 'failed'
  | 'cancelled'
  | 'declined';

export interface OrderView {
  id: string;
  accountId: string;
  kind: 'one_time' | 'subscription' | 'auto_topup';
  status: OrderStatus;
  amountMillicredits: number;
  amountMinor: number;
  currency: string;
  packCode: string | null;
  paymentKind: 'card' | 'bank_transfer';
  paymentMethodId: string | null;
  bankReference: string | null;
  scheduledFor: string | null;
  requester: { subject: string; name: string; email: string | null };
  approver: { name: string; email: string } | null;
  failureReason: string | null;
  createdAt: string;
  bankTransfer?: {
    beneficiary: string;
    iban: string;
    bic: string;
    reference: string;
    amountMinor: number;
    currency: string;
  } | null;
  timeline?: { status: OrderStatus; reason: string | null; actor: string; at: string }[];
}

export interface PaymentMethodView {
  id: string;
  provider: 'simulated' | 'stripe';
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  status: 'active' | 'removed';
  failedAt: string | null;
  failureCode: string | null;
}

export interface AutoTopUpView {
  accountId: string;
  enabled: boolean;
  thresholdMillicredits: number;
  topUpMillicredits: number;
  paymentMethodId: string;
  maxRechargesPer30Days: number;
  state: 'armed' | 'in_flight' | 'limit_reached';
  currentOrderId: string | null;
  disabledReason: string | null;
}

export interface InvoiceView {
  id: string;
  number: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  totalMinor: number;
  issuedAt: string;
}

export interface LedgerResponses {
  'GET /accounts/{accountId}': AccountView;
  'GET /accounts/{accountId}/balance': BalanceView;
  'GET /accounts/{accountId}/journal': PageView<JournalEntryView>;
  'GET /accounts/{accountId}/usage/by-list': UsageBucketView[];
  'POST /operator/journal/check': JournalCheckView;
  'GET /rate-card': RateCardView;
}

export interface BillingResponses {
  'GET /accounts/{accountId}/billing-profile': BillingProfileView;
  'GET /price-lists/{currency}': PriceListView;
  'GET /accounts/{accountId}/quote': QuoteView;
  'GET /accounts/{accountId}/orders': PageView<OrderView>;
  'GET /accounts/{accountId}/orders/{orderId}': OrderView;
  'POST /accounts/{accountId}/orders': OrderView;
  'POST /accounts/{accountId}/orders/{orderId}/approve': OrderView;
  'POST /accounts/{accountId}/orders/{orderId}/decline': OrderView;
  'POST /accounts/{accountId}/orders/{orderId}/cancel': OrderView;
  'GET /accounts/{accountId}/payment-methods': PaymentMethodView[];
  'POST /accounts/{accountId}/payment-methods': PaymentMethodView;
  'PATCH /accounts/{accountId}/payment-methods/{paymentMethodId}': PaymentMethodView;
  'GET /accounts/{accountId}/auto-top-up': AutoTopUpView;
  'PUT /accounts/{accountId}/auto-top-up': AutoTopUpView;
  'GET /accounts/{accountId}/invoices': PageView<InvoiceView>;
}
