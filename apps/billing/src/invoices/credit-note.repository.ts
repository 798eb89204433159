import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CreditNoteRecord } from './credit-note.entity';

// A credit note cancels part or all of what an order was invoiced for: money refunded, or a card
// dispute lost. It names the invoice the order is on, or none yet (the order then appears on the
// next monthly invoice, offset by this note).
export interface CreditNote {
  id: string;
  accountId: string;
  issuer: string;
  number: string;
  orderId: string;
  invoiceNumber: string | null;
  reason: string;
  amountMinor: number;
  currency: string;
  issuedAt: string;
}

@Injectable()
export class CreditNoteRepository {
  async insert(em: EntityManager, note: CreditNote): Promise<void> {
    em.create(CreditNoteRecord, { ...note, issuedAt: new Date(note.issuedAt) });
    await em.flush();
  }

  async list(em: EntityManager, accountId: string): Promise<CreditNote[]> {
    const records = await em.find(
      CreditNoteRecord,
      { accountId },
      { orderBy: { issuedAt: 'desc', id: 'asc' } },
    );
    return records.map((record) => ({
      id: record.id,
      accountId: record.accountId,
      issuer: record.issuer,
      number: record.number,
      orderId: record.orderId,
      invoiceNumber: record.invoiceNumber,
      reason: record.reason,
      amountMinor: record.amountMinor,
      currency: record.currency,
      issuedAt: record.issuedAt.toISOString(),
    }));
  }
}
