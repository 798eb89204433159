import { z } from 'zod';
import { defineContract } from './contract';
import {
  accountId,
  currency,
  envelope,
  eventId,
  identifier,
  millicredits,
  minorUnits,
  timestamp,
  wholeCreditsInMillicredits,
} from './fields';
import { Topics } from './topics';

const v1 = { schemaVersion: z.literal(1) };
// Version 2 of a payload renamed its credit amounts to millicredits (the platform's one unit).
const v2 = { schemaVersion: z.literal(2) };
const byAccount = (payload: { accountId: string }): string => payload.accountId;

export const SmsSentSchema = z
  .object({
    ...v1,
    messageId: identifier.describe(
      "The gateway's message id, unique within the account: with accountId, the idempotency key of the charge",
    ),
    accountId,
    to: z
      .string()
      .regex(/^\+?[1-9]\d{5,15}$/, 'must be an international phone number such as +393471234567')
      .describe('Destination number; its country code selects the rate'),
    segments: z.number().int().min(1).max(255).optional().describe('Segments the gateway counted'),
    body: z.string().max(10_000).optional().describe('Message text; the ledger counts segments when given'),
    listId: identifier.optional(),
    campaignId: identifier.optional(),
    holdId: identifier.optional().describe('Hold the message is charged against'),
    sentAt: timestamp,
  })
  .refine((e) => (e.segments === undefined) !== (e.body === undefined), {
    message: 'exactly one of segments or body is required',
    path: ['segments'],
  });

export const SmsSent = defineContract({
  topic: Topics.SmsSent,
  version: 1,
  summary: 'One SMS left the gateway; the ledger charges its segments at the destination rate.',
  producers: ['sms-gateway'],
  consumers: ['ledger'],
  schema: SmsSentSchema,
  key: byAccount,
});

export const CreditSource = z.enum(['purchase', 'subscription', 'auto_topup', 'goodwill', 'adjustment']);

export const ExpiryRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('account_default') }),
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('days'), days: z.number().int().min(1).max(36_500) }),
  z.object({ kind: z.literal('on'), date: z.iso.date() }),
]);

export const CreditsGranted = defineContract({
  topic: Topics.CreditsGranted,
  version: 2,
  summary: 'Billing grants credits for a paid order, a subscription period or a goodwill gesture.',
  producers: ['billing'],
  consumers: ['ledger', 'notifier'],
  schema: z.object({
    ...v2,
    ...envelope,
    orderId: identifier.describe('Idempotency key: one lot per order'),
    grantedMillicredits: z
      .number()
      .int()
      .positive()
      .max(1e15)
      .describe('Millicredits the lot holds before any deficit is netted'),
    source: CreditSource,
    expiry: ExpiryRule,
    extendExisting: z.boolean().optional().describe("Overrides the account's extend-on-purchase setting"),
  }),
  key: byAccount,
});

export const CreditsApplied = defineContract({
  topic: Topics.CreditsApplied,
  version: 1,
  summary: 'The ledger added a grant to the balance, after netting any deficit.',
  producers: ['ledger'],
  consumers: ['notifier', 'billing'],
  schema: z.object({
    ...v1,
    ...envelope,
    orderId: identifier,
    lotId: identifier,
    source: CreditSource,
    grantedMillicredits: millicredits,
    deficitNettedMillicredits: millicredits,
    balanceMillicredits: millicredits,
    expiresAt: timestamp
      .nullable()
      .describe(
        'The instant the lot stops being valid: the end of its last valid day (expiryDate) in the account time zone',
      ),
  }),
  key: byAccount,
});

// Money that paid for an order went back to the customer (a refund, or a card dispute the bank
// opened or decided against us): billing takes the order's credits back from the balance, even into
// a deficit that the next grant pays first.
export const CreditsReversed = defineContract({
  topic: Topics.CreditsReversed,
  version: 1,
  summary:
    'Billing takes back credits of an order whose money was refunded or disputed (the balance may go negative).',
  producers: ['billing'],
  consumers: ['ledger', 'notifier'],
  schema: z.object({
    ...v1,
    ...envelope,
    reversalId: identifier.describe('Idempotency key: each reversal applies once'),
    orderId: identifier,
    reason: z
      .enum(['refund', 'dispute_opened', 'dispute_lost'])
      .describe('dispute_lost confirms a reversal made when the dispute opened and takes nothing more'),
    reversedMillicredits: z.number().int().min(0).max(1e15),
    amountMinor: minorUnits.describe('Money refunded or disputed'),
    currency,
    creditNoteNumber: z.string().max(64).nullable(),
  }),
  key: byAccount,
});

export const CreditsReinstated = defineContract({
  topic: Topics.CreditsReinstated,
  version: 1,
  summary: 'A card dispute was decided in our favour: the credits reversed when it opened come back.',
  producers: ['billing'],
  consumers: ['ledger', 'notifier'],
  schema: z.object({
    ...v1,
    ...envelope,
    reinstatementId: identifier.describe('Idempotency key: each reinstatement applies once'),
    orderId: identifier,
    reason: z.enum(['dispute_won']),
    reinstatedMillicredits: z.number().int().min(1).max(1e15),
    amountMinor: minorUnits,
    currency,
  }),
  key: byAccount,
});

export const CreditsExpiring = defineContract({
  topic: Topics.CreditsExpiring,
  version: 1,
  summary:
    "A lot will expire soon: sent 30, 7 and 1 calendar days before its last valid day, in the account's time zone.",
  producers: ['ledger'],
  consumers: ['notifier'],
  schema: z.object({
    ...v1,
    ...envelope,
    lotId: identifier,
    remainingMillicredits: millicredits,
    expiresAt: timestamp.describe(
      'The instant the lot stops being valid: the end of expiryDate in the account time zone',
    ),
    expiryDate: z.iso.date().describe("Last valid day in the account's time zone"),
    timeZone: z.string().min(1).max(64),
    daysBefore: z
      .number()
      .int()
      .min(0)
      .max(366)
      .describe(
        "Calendar days from the day this was sent to expiryDate, in the account's time zone: 30, 7 or 1 on time, 0 on the last valid day",
      ),
  }),
  key: byAccount,
});

export const CreditsExpired = defineContract({
  topic: Topics.CreditsExpired,
  version: 1,
  summary: 'Credits of a lot expired and left the balance.',
  producers: ['ledger'],
  consumers: ['notifier'],
  schema: z.object({
    ...v1,
    ...envelope,
    lotId: identifier,
    expiredMillicredits: millicredits,
    balanceMillicredits: millicredits,
    expiryDate: z.iso.date().describe("The lot's last valid day in the account's time zone"),
    timeZone: z.string().min(1).max(64),
  }),
  key: byAccount,
});

export const MonitorPurpose = z.enum(['low_balance_notice', 'auto_topup']);

const balanceLevelEvent = {
  ...v1,
  ...envelope,
  monitorId: identifier,
  purpose: MonitorPurpose,
  levelMillicredits: millicredits,
  balanceMillicredits: millicredits,
  availableMillicredits: millicredits,
  estimatedSmsLeft: z.number().int().min(0).nullable().describe("At the home country's rate"),
};

export const BalanceLow = defineContract({
  topic: Topics.BalanceLow,
  version: 1,
  summary:
    'The balance crossed from at or above a monitored level to below it, or the level was registered while the balance was already below it (once per crossing).',
  producers: ['ledger'],
  consumers: ['billing', 'notifier'],
  schema: z.object(balanceLevelEvent),
  key: byAccount,
});

export const BalanceRecovered = defineContract({
  topic: Topics.BalanceRecovered,
  version: 1,
  summary: 'The balance is back at or above a monitored level; the monitor is armed again.',
  producers: ['ledger'],
  consumers: ['billing', 'notifier'],
  schema: z.object(balanceLevelEvent),
  key: byAccount,
});

export const BalanceDepleted = defineContract({
  topic: Topics.BalanceDepleted,
  version: 1,
  summary: 'Available credits reached zero: the gateway must stop sending for the account.',
  producers: ['ledger'],
  consumers: ['notifier', 'sms-gateway'],
  schema: z.object({
    ...v1,
    ...envelope,
    balanceMillicredits: millicredits,
    availableMillicredits: millicredits,
  }),
  key: byAccount,
});

export const BalanceMonitorsConfigured = defineContract({
  topic: Topics.BalanceMonitorsConfigured,
  version: 1,
  summary:
    "A service declares the balance levels it wants watched for an account (replaces that owner's set).",
  producers: ['billing', 'notifier'],
  consumers: ['ledger'],
  schema: z.object({
    ...v1,
    ...envelope,
    purpose: MonitorPurpose,
    levelsMillicredits: z.array(z.number().int().min(0).max(1e15)).max(20),
  }),
  key: byAccount,
});

export const RateCardUpdated = defineContract({
  topic: Topics.RateCardUpdated,
  version: 1,
  summary: 'The full rate card after a change, so other services can keep a copy.',
  producers: ['ledger'],
  consumers: ['billing'],
  schema: z.object({
    ...v1,
    eventId,
    occurredAt: timestamp,
    defaultMillicreditsPerSegment: z.number().int().positive(),
    rates: z.record(z.string().regex(/^[A-Z]{2}$/), z.number().int().positive()),
  }),
  key: () => 'rate-card',
});

export const PaymentMethodKind = z.enum(['card', 'bank_transfer']);

export const PaymentRequested = defineContract({
  topic: Topics.PaymentRequested,
  version: 1,
  summary: 'Billing asks the payment provider to charge a saved card for an order.',
  producers: ['billing'],
  // Billing's built-in providers (simulated cards, Stripe) take these requests themselves.
  consumers: ['payment-provider', 'billing'],
  schema: z.object({
    ...v1,
    ...envelope,
    paymentId: identifier,
    orderId: identifier,
    paymentMethodId: identifier,
    amountMinor: minorUnits,
    currency,
  }),
  key: byAccount,
});

const paymentOutcome = {
  ...v1,
  paymentId: identifier.describe('Idempotency key of the payment'),
  orderId: identifier,
  accountId,
  amountMinor: minorUnits,
  currency,
  provider: z.enum(['stripe', 'simulated', 'bank_transfer']),
  occurredAt: timestamp,
};

export const PaymentSucceeded = defineContract({
  topic: Topics.PaymentSucceeded,
  version: 1,
  summary:
    'A charge billing requested succeeded; billing applies it only to that pending payment (bank transfers are reconciled by operators, not by this event).',
  producers: ['payment-provider', 'billing'],
  consumers: ['billing'],
  schema: z.object(paymentOutcome),
  key: byAccount,
});

export const PaymentFailed = defineContract({
  topic: Topics.PaymentFailed,
  version: 1,
  summary: 'A charge for an order failed.',
  producers: ['payment-provider', 'billing'],
  consumers: ['billing'],
  schema: z.object({
    ...paymentOutcome,
    code: z.enum(['card_declined', 'expired_card', 'insufficient_funds', 'processing_error']),
    reason: z.string().max(500),
  }),
  key: byAccount,
});

const person = z.object({ name: z.string().max(200), email: z.email() });

export const OrderApprovalRequested = defineContract({
  topic: Topics.OrderApprovalRequested,
  version: 2,
  summary: 'An order waits for its approver.',
  producers: ['billing'],
  consumers: ['notifier'],
  schema: z.object({
    ...v2,
    ...envelope,
    orderId: identifier,
    amountMillicredits: wholeCreditsInMillicredits.describe('Credits the order buys'),
    amountMinor: minorUnits,
    currency,
    requester: person,
    approver: person,
  }),
  key: byAccount,
});

export const OrderStatus = z.enum([
  'created',
  'awaiting_approval',
  'approved',
  'scheduled',
  'awaiting_payment',
  'underpaid',
  'paid',
  'credited',
  'partially_refunded',
  'refunded',
  'disputed',
  'charged_back',
  'failed',
  'cancelled',
  'declined',
]);

export const OrderStatusChanged = defineContract({
  topic: Topics.OrderStatusChanged,
  version: 2,
  summary: 'An order moved along its timeline.',
  producers: ['billing'],
  consumers: ['notifier'],
  schema: z.object({
    ...v2,
    ...envelope,
    orderId: identifier,
    status: OrderStatus,
    previousStatus: OrderStatus.nullable(),
    amountMillicredits: wholeCreditsInMillicredits.describe('Credits the order buys'),
    amountMinor: minorUnits,
    currency,
    reason: z.string().max(500).nullable(),
  }),
  key: byAccount,
});

export const AutoTopUpFailed = defineContract({
  topic: Topics.AutoTopUpFailed,
  version: 1,
  summary:
    'Auto top-up could not charge: the card failed (and auto top-up switched off) or the 30-day limit was hit.',
  producers: ['billing'],
  consumers: ['notifier'],
  schema: z.object({
    ...v1,
    ...envelope,
    kind: z.enum(['payment_failed', 'limit_reached']),
    reason: z.string().max(500),
    disabled: z.boolean(),
    rechargesInLast30Days: z.number().int().min(0),
    maxRechargesPer30Days: z.number().int().min(0),
  }),
  key: byAccount,
});

export const InvoiceIssued = defineContract({
  topic: Topics.InvoiceIssued,
  version: 1,
  summary: "A monthly invoice was issued for the previous month's purchases.",
  producers: ['billing'],
  consumers: ['notifier'],
  schema: z.object({
    ...v1,
    ...envelope,
    invoiceId: identifier,
    number: z.string().max(64),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    totalMinor: minorUnits,
    currency,
    downloadPath: z.string().max(500),
  }),
  key: byAccount,
});

// Identity notices go to one person, not to an account's notification recipients. The link carries
// a single-use secret: only its holder can act on it, and it expires at expiresAt.
const MembershipRole = z.enum(['owner', 'admin', 'billing', 'member']);
const personalLink = z.url({ protocol: /^https?$/ }).max(2000);
const email = z.email().max(320);

export const InvitationCreated = defineContract({
  topic: Topics.InvitationCreated,
  version: 1,
  summary: 'An owner or admin invited someone to a credit account; the invitee gets an email with a link.',
  producers: ['identity'],
  consumers: ['notifier'],
  schema: z.object({
    ...v1,
    ...envelope,
    invitationId: identifier,
    email,
    role: MembershipRole,
    invitedBy: z.string().min(1).max(200).describe('Name of the person who sent the invitation'),
    acceptUrl: personalLink,
    expiresAt: timestamp,
  }),
  key: byAccount,
});

export const PasswordResetRequested = defineContract({
  topic: Topics.PasswordResetRequested,
  version: 1,
  summary: 'Someone asked to reset the password of a user; the user gets an email with a link.',
  producers: ['identity'],
  consumers: ['notifier'],
  schema: z.object({
    ...v1,
    eventId,
    occurredAt: timestamp,
    userId: identifier,
    email,
    name: z.string().min(1).max(200),
    resetUrl: personalLink,
    expiresAt: timestamp,
  }),
  key: (payload) => payload.userId,
});

// Where an account's notices go before it saves notification settings of its own [PRODUCT:
// notifications]: its owners. Each source replaces its own list; the notifier uses the union.
export const AccountContactsUpdated = defineContract({
  topic: Topics.AccountContactsUpdated,
  version: 1,
  summary:
    "An account's owner addresses and time zone as one source knows them (billing: the billing profile's email); the notifier's defaults for an account without notification settings.",
  producers: ['billing'],
  consumers: ['notifier'],
  schema: z.object({
    ...v1,
    ...envelope,
    source: z
      .enum(['billing_profile'])
      .describe('Who knows these addresses; each source replaces only its own'),
    ownerEmails: z.array(z.email()).max(20),
    timeZone: z.string().min(1).max(64).describe('IANA time zone for dates in emails'),
  }),
  key: byAccount,
});

export type SmsSentEvent = z.infer<typeof SmsSentSchema>;
