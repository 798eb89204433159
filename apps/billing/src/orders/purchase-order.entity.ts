import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { OrderStatusName } from '@sms/contracts';
import { PaymentMethodRecord } from '../payment-methods/payment-method.entity';
import { ExactBigIntType } from '../shared/exact-bigint.type';
import { SubscriptionRecord } from '../subscriptions/subscription.entity';
import type { OrderKind, PaymentKind } from './order';

// One purchase of credits as stored. Other aggregates (payment method, subscription) are referenced
// by id (relations mapped to their keys, for the foreign keys): an order is loaded and locked on its own.
export class PurchaseOrder {
  // Set on insert by their initialisers below.
  [OptionalProps]?:
    | 'tierMinCredits'
    | 'packCode'
    | 'paymentMethodId'
    | 'bankReference'
    | 'receivedMinor'
    | 'refundedMinor'
    | 'scheduledFor'
    | 'requesterEmail'
    | 'approverName'
    | 'approverEmail'
    | 'subscriptionId'
    | 'idempotencyKey'
    | 'requestHash'
    | 'failureReason'
    | 'paidAt'
    | 'creditedAt'
    | 'createdAt'
    | 'updatedAt';
  id!: string;
  accountId!: string;
  kind!: OrderKind;
  status!: OrderStatusName;
  credits!: number;
  amountMinor!: number;
  currency!: string;
  tierMinCredits: number | null = null;
  packCode: string | null = null;
  paymentKind!: PaymentKind;
  paymentMethodId: string | null = null;
  bankReference: string | null = null;
  receivedMinor = 0;
  refundedMinor = 0;
  scheduledFor: Date | null = null;
  requesterSubject!: string;
  requesterName!: string;
  requesterEmail: string | null = null;
  approverName: string | null = null;
  approverEmail: string | null = null;
  subscriptionId: string | null = null;
  idempotencyKey: string | null = null;
  requestHash: string | null = null;
  failureReason: string | null = null;
  paidAt: Date | null = null;
  creditedAt: Date | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

const TIMESTAMP = { type: 'datetime', columnType: 'timestamptz' } as const;

export const PurchaseOrderSchema = new EntitySchema<PurchaseOrder>({
  class: PurchaseOrder,
  tableName: 'purchase_order',
  // The indexes as migration 0001 and 0003 created them (partial ones as their own SQL), so a schema
  // diff against these entities is empty.
  indexes: [
    {
      name: 'purchase_order_account',
      expression:
        'create index "purchase_order_account" on "billing"."purchase_order" ("account_id", "created_at" desc)',
    },
    {
      name: 'purchase_order_scheduled',
      expression: `create index "purchase_order_scheduled" on "billing"."purchase_order" ("scheduled_for") where status = 'scheduled'`,
    },
    {
      name: 'purchase_order_paid',
      expression:
        'create index "purchase_order_paid" on "billing"."purchase_order" ("account_id", "paid_at") where paid_at is not null',
    },
  ],
  uniques: [
    {
      name: 'purchase_order_idempotency',
      expression:
        'create unique index "purchase_order_idempotency" on "billing"."purchase_order" ("account_id", "idempotency_key") where idempotency_key is not null',
    },
    {
      name: 'purchase_order_bank_reference',
      expression:
        'create unique index "purchase_order_bank_reference" on "billing"."purchase_order" ("bank_reference") where bank_reference is not null',
    },
  ],
  properties: {
    id: { type: 'text', primary: true },
    accountId: { type: 'text' },
    kind: { type: 'text' },
    status: { type: 'text' },
    credits: { type: ExactBigIntType },
    amountMinor: { type: ExactBigIntType },
    currency: { type: 'string', columnType: 'char(3)' },
    tierMinCredits: { type: ExactBigIntType, nullable: true },
    packCode: { type: 'text', nullable: true },
    paymentKind: { type: 'text' },
    paymentMethodId: {
      kind: 'm:1',
      entity: () => PaymentMethodRecord,
      mapToPk: true,
      nullable: true,
      fieldName: 'payment_method_id',
      foreignKeyName: 'purchase_order_payment_method_id_fkey',
      updateRule: 'no action',
      deleteRule: 'no action',
    },
    bankReference: { type: 'text', nullable: true },
    receivedMinor: { type: ExactBigIntType, default: 0 },
    refundedMinor: { type: ExactBigIntType, default: 0 },
    scheduledFor: { ...TIMESTAMP, nullable: true },
    requesterSubject: { type: 'text' },
    requesterName: { type: 'text' },
    requesterEmail: { type: 'text', nullable: true },
    approverName: { type: 'text', nullable: true },
    approverEmail: { type: 'text', nullable: true },
    subscriptionId: {
      kind: 'm:1',
      entity: () => SubscriptionRecord,
      mapToPk: true,
      nullable: true,
      fieldName: 'subscription_id',
      foreignKeyName: 'purchase_order_subscription_id_fkey',
      updateRule: 'no action',
      deleteRule: 'no action',
    },
    idempotencyKey: { type: 'text', nullable: true },
    requestHash: { type: 'text', nullable: true },
    failureReason: { type: 'text', nullable: true },
    paidAt: { ...TIMESTAMP, nullable: true },
    creditedAt: { ...TIMESTAMP, nullable: true },
    createdAt: { ...TIMESTAMP, defaultRaw: 'now()' },
    // Set by each change: a status change stamps it with the instant its timeline step records.
    updatedAt: { ...TIMESTAMP, defaultRaw: 'now()' },
  },
});
