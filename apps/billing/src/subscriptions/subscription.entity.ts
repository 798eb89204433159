import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { PaymentMethodRecord } from '../payment-methods/payment-method.entity';
import { ExactBigIntType } from '../shared/exact-bigint.type';

// A monthly subscription as stored. A change of size waits for the next period
// (nextCreditsPerPeriod); the card is referenced by id, not loaded with it.
export class SubscriptionRecord {
  [OptionalProps]?: 'nextCreditsPerPeriod' | 'createdAt' | 'updatedAt';
  id!: string;
  accountId!: string;
  creditsPerPeriod!: number;
  nextCreditsPerPeriod: number | null = null;
  paymentMethodId!: string;
  status!: 'active' | 'cancelled';
  currentPeriodStart!: Date;
  nextRenewalAt!: Date;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

const TIMESTAMP = { type: 'datetime', columnType: 'timestamptz' } as const;

export const SubscriptionRecordSchema = new EntitySchema<SubscriptionRecord>({
  class: SubscriptionRecord,
  tableName: 'subscription',
  indexes: [
    {
      name: 'subscription_due',
      expression: `create index "subscription_due" on "billing"."subscription" ("next_renewal_at") where status = 'active'`,
    },
  ],
  properties: {
    id: { type: 'text', primary: true },
    accountId: { type: 'text' },
    creditsPerPeriod: { type: ExactBigIntType },
    nextCreditsPerPeriod: { type: ExactBigIntType, nullable: true },
    paymentMethodId: {
      kind: 'm:1',
      entity: () => PaymentMethodRecord,
      mapToPk: true,
      fieldName: 'payment_method_id',
      foreignKeyName: 'subscription_payment_method_id_fkey',
      updateRule: 'no action',
      deleteRule: 'no action',
    },
    status: { type: 'text' },
    currentPeriodStart: TIMESTAMP,
    nextRenewalAt: TIMESTAMP,
    createdAt: { ...TIMESTAMP, defaultRaw: 'now()' },
    updatedAt: { ...TIMESTAMP, defaultRaw: 'now()' },
  },
});
