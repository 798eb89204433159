import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { PurchaseOrder } from '../orders/purchase-order.entity';
import { ExactBigIntType } from '../shared/exact-bigint.type';

// An issued credit note as stored: immutable once written. The invoice it corrects is named by its
// number, which is what the customer reads on both documents.
export class CreditNoteRecord {
  [OptionalProps]?: 'invoiceNumber';
  id!: string;
  accountId!: string;
  issuer!: string;
  number!: string;
  orderId!: string;
  invoiceNumber: string | null = null;
  reason!: string;
  amountMinor!: number;
  currency!: string;
  issuedAt!: Date;
}

export const CreditNoteRecordSchema = new EntitySchema<CreditNoteRecord>({
  class: CreditNoteRecord,
  tableName: 'credit_note',
  indexes: [
    {
      name: 'credit_note_account',
      expression:
        'create index "credit_note_account" on "billing"."credit_note" ("account_id", "issued_at" desc)',
    },
  ],
  uniques: [{ name: 'credit_note_issuer_number_key', properties: ['issuer', 'number'] }],
  properties: {
    id: { type: 'text', primary: true },
    accountId: { type: 'text' },
    issuer: { type: 'text' },
    number: { type: 'text' },
    orderId: {
      kind: 'm:1',
      entity: () => PurchaseOrder,
      mapToPk: true,
      fieldName: 'order_id',
      foreignKeyName: 'credit_note_order_id_fkey',
      updateRule: 'no action',
      deleteRule: 'no action',
    },
    invoiceNumber: { type: 'text', nullable: true },
    reason: { type: 'text' },
    amountMinor: { type: ExactBigIntType },
    currency: { type: 'string', columnType: 'char(3)' },
    issuedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});
