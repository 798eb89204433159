import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { PurchaseOrder } from '../orders/purchase-order.entity';
import { ExactBigIntType } from '../shared/exact-bigint.type';

export type PaymentProviderKind = 'simulated' | 'stripe' | 'bank_transfer';
export type PaymentStatus = 'pending' | 'succeeded' | 'failed';

// One payment of an order as stored: one billing asked a provider for, or a bank transfer an operator
// reconciled. The card is kept as a plain id: a payment outlives a card's removal unchanged.
export class PaymentRecord {
  [OptionalProps]?: 'paymentMethodId' | 'failureCode' | 'providerReference' | 'settledAt' | 'createdAt';
  id!: string;
  orderId!: string;
  accountId!: string;
  provider!: PaymentProviderKind;
  paymentMethodId: string | null = null;
  amountMinor!: number;
  currency!: string;
  status!: PaymentStatus;
  failureCode: string | null = null;
  providerReference: string | null = null;
  settledAt: Date | null = null;
  createdAt: Date = new Date();
}

const TIMESTAMP = { type: 'datetime', columnType: 'timestamptz' } as const;

export const PaymentRecordSchema = new EntitySchema<PaymentRecord>({
  class: PaymentRecord,
  tableName: 'payment',
  indexes: [{ name: 'payment_order', properties: ['orderId'] }],
  uniques: [
    {
      name: 'payment_provider_reference',
      expression:
        'create unique index "payment_provider_reference" on "billing"."payment" ("provider", "provider_reference") where provider_reference is not null',
    },
  ],
  properties: {
    id: { type: 'text', primary: true },
    orderId: {
      kind: 'm:1',
      entity: () => PurchaseOrder,
      mapToPk: true,
      fieldName: 'order_id',
      foreignKeyName: 'payment_order_id_fkey',
      updateRule: 'no action',
      deleteRule: 'no action',
    },
    accountId: { type: 'text' },
    provider: { type: 'text' },
    paymentMethodId: { type: 'text', nullable: true },
    amountMinor: { type: ExactBigIntType },
    currency: { type: 'string', columnType: 'char(3)' },
    status: { type: 'text' },
    failureCode: { type: 'text', nullable: true },
    createdAt: { ...TIMESTAMP, defaultRaw: 'now()' },
    settledAt: { ...TIMESTAMP, nullable: true },
    providerReference: { type: 'text', nullable: true },
  },
});
