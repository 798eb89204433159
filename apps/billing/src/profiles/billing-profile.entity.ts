import { EntitySchema, OptionalProps } from '@mikro-orm/core';

// An account's billing details as stored (one row per account). The issuer is set by operators only.
export class BillingProfileRecord {
  [OptionalProps]?: 'address' | 'vatNumber' | 'issuer' | 'createdAt' | 'updatedAt';
  accountId!: string;
  legalName!: string;
  email!: string;
  address = '';
  vatNumber: string | null = null;
  country!: string;
  currency!: string;
  timeZone!: string;
  issuer: string | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

const TIMESTAMP = { type: 'datetime', columnType: 'timestamptz' } as const;

export const BillingProfileRecordSchema = new EntitySchema<BillingProfileRecord>({
  class: BillingProfileRecord,
  tableName: 'billing_profile',
  properties: {
    accountId: { type: 'text', primary: true },
    legalName: { type: 'text' },
    email: { type: 'text' },
    address: { type: 'text', default: '' },
    vatNumber: { type: 'text', nullable: true },
    country: { type: 'string', columnType: 'char(2)' },
    currency: { type: 'string', columnType: 'char(3)' },
    timeZone: { type: 'text' },
    issuer: { type: 'text', nullable: true },
    createdAt: { ...TIMESTAMP, defaultRaw: 'now()' },
    updatedAt: { ...TIMESTAMP, defaultRaw: 'now()' },
  },
});
