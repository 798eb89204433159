import { EntitySchema, OptionalProps } from '@mikro-orm/core';

// The Stripe customer billing created for an account (one per account, never replaced).
export class StripeCustomerRecord {
  [OptionalProps]?: 'createdAt';
  accountId!: string;
  customerId!: string;
  createdAt: Date = new Date();
}

export const StripeCustomerRecordSchema = new EntitySchema<StripeCustomerRecord>({
  class: StripeCustomerRecord,
  tableName: 'stripe_customer',
  // The unique constraint as migration 0002 declared it inline, under PostgreSQL's own name.
  uniques: [{ name: 'stripe_customer_customer_id_key', properties: ['customerId'] }],
  properties: {
    accountId: { type: 'text', primary: true },
    customerId: { type: 'text' },
    createdAt: { type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
