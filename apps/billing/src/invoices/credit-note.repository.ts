import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readBigint } from '@sms/persistence';

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

interface Row {
  id: string;
  account_id: string;
  issuer: string;
  number: string;
  order_id: string;
  invoice_number: string | null;
  reason: string;
  amount_minor: string;
  currency: string;
  issued_at: Date;
}

const COLUMNS =
  'id, account_id, issuer, number, order_id, invoice_number, reason, amount_minor, currency, issued_at';

@Injectable()
export class CreditNoteRepository {
  async insert(em: EntityManager, note: CreditNote): Promise<void> {
    await em.execute(`insert into billing.credit_note (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      note.id,
      note.accountId,
      note.issuer,
      note.number,
      note.orderId,
      note.invoiceNumber,
      note.reason,
      note.amountMinor,
      note.currency,
      note.issuedAt,
    ]);
  }

  async list(em: EntityManager, accountId: string): Promise<CreditNote[]> {
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.credit_note where account_id = ? order by issued_at desc, id`,
      [accountId],
    );
    return rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      issuer: row.issuer,
      number: row.number,
      orderId: row.order_id,
      invoiceNumber: row.invoice_number,
      reason: row.reason,
      amountMinor: readBigint(row.amount_minor),
      currency: row.currency,
      issuedAt: new Date(row.issued_at).toISOString(),
    }));
  }
}
