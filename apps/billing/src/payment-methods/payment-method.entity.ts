import { EntitySchema, OptionalProps } from '@mikro-orm/core';

export type PaymentProviderName = 'simulated' | 'stripe';

// A saved card as stored. Removing it keeps the row (status 'removed'): orders and subscriptions that
// paid with it still name it.
export class PaymentMethodRecord {
  [OptionalProps]?: 'stripeCustomerId' | 'status' | 'failedAt' | 'failureCode' | 'createdAt' | 'updatedAt';
  id!: string;
  accountId!: string;
  provider!: PaymentProviderName;
  brand!: string;
  last4!: string;
  expMonth!: number;
  expYear!: number;
  // The provider's handle for the card (a Stripe PaymentMethod id, or the simulator's test card).
  token!: string;
  stripeCustomerId: string | null = null;
  status: 'active' | 'removed' = 'active';
  failedAt: Date | null = null;
  failureCode: string | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

const TIMESTAMP = { type: 'datetime', columnType: 'timestamptz' } as const;

export const PaymentMethodRecordSchema = new EntitySchema<PaymentMethodRecord>({
  class: PaymentMethodRecord,
  tableName: 'payment_method',
  indexes: [{ name: 'payment_method_account', properties: ['accountId'] }],
  properties: {
    id: { type: 'text', primary: true },
    accountId: { type: 'text' },
    provider: { type: 'text' },
    brand: { type: 'text' },
    last4: { type: 'string', columnType: 'char(4)' },
    expMonth: { type: 'smallint' },
    expYear: { type: 'smallint' },
    token: { type: 'text' },
    stripeCustomerId: { type: 'text', nullable: true },
    status: { type: 'text', default: 'active' },
    failedAt: { ...TIMESTAMP, nullable: true },
    failureCode: { type: 'text', nullable: true },
    createdAt: { ...TIMESTAMP, defaultRaw: 'now()' },
    updatedAt: { ...TIMESTAMP, defaultRaw: 'now()' },
  },
});
