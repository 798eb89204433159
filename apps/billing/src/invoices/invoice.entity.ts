import { EntitySchema } from '@mikro-orm/core';
import { ExactBigIntType } from '../shared/exact-bigint.type';

export interface InvoiceLine {
  orderId: string;
  description: string;
  credits: number;
  amountMinor: number;
  paidAt: string;
}

// The customer as the invoice names them, copied from the billing profile at issue.
export interface BilledTo {
  legalName: string;
  email: string;
  address: string;
  vatNumber: string | null;
  country: string;
}

// An issued invoice as stored: immutable once written. Its lines and the customer's details are kept
// as they were at issue (jsonb), so a later profile change does not rewrite a past invoice.
export class InvoiceRecord {
  id!: string;
  accountId!: string;
  issuer!: string;
  number!: string;
  // Calendar dates (YYYY-MM-DD) in the account's time zone, read and written as text.
  periodStart!: string;
  periodEnd!: string;
  currency!: string;
  totalMinor!: number;
  lines!: InvoiceLine[];
  billedTo!: BilledTo;
  issuedAt!: Date;
}

export const InvoiceRecordSchema = new EntitySchema<InvoiceRecord>({
  class: InvoiceRecord,
  tableName: 'invoice',
  // The unique constraints as migration 0001 declared them inline, under PostgreSQL's own names.
  uniques: [
    { name: 'invoice_issuer_number_key', properties: ['issuer', 'number'] },
    { name: 'invoice_account_id_period_start_key', properties: ['accountId', 'periodStart'] },
  ],
  properties: {
    id: { type: 'text', primary: true },
    accountId: { type: 'text' },
    issuer: { type: 'text' },
    number: { type: 'text' },
    periodStart: { type: 'date' },
    periodEnd: { type: 'date' },
    currency: { type: 'string', columnType: 'char(3)' },
    totalMinor: { type: ExactBigIntType },
    lines: { type: 'json', columnType: 'jsonb' },
    billedTo: { type: 'json', columnType: 'jsonb' },
    issuedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});
