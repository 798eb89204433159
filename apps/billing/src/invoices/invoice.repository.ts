import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readBigint } from '@sms/persistence';

export interface InvoiceLine {
  orderId: string;
  description: string;
  credits: number;
  amountMinor: number;
  paidAt: string;
}

export interface Invoice {
  id: string;
  accountId: string;
  issuer: string;
  number: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  totalMinor: number;
  lines: InvoiceLine[];
  billedTo: { legalName: string; email: string; address: string; vatNumber: string | null; country: string };
  issuedAt: string;
}

interface Row {
  id: string;
  account_id: string;
  issuer: string;
  number: string;
  period_start: string;
  period_end: string;
  currency: string;
  total_minor: string;
  lines: InvoiceLine[];
  billed_to: Invoice['billedTo'];
  issued_at: Date;
}

const COLUMNS = `id, account_id, issuer, number, to_char(period_start, 'YYYY-MM-DD') as period_start,
  to_char(period_end, 'YYYY-MM-DD') as period_end, currency, total_minor, lines, billed_to, issued_at`;

@Injectable()
export class InvoiceRepository {
  // Gap-free numbering: the issuer's counter row stays locked until the invoice using the number
  // commits, so a rolled-back invoice gives its number back and two issuers never share one.
  async nextNumber(em: EntityManager, issuer: string, year: number): Promise<number> {
    await em.execute(
      'insert into billing.invoice_counter (issuer, year, last_number) values (?, ?, 0) on conflict do nothing',
      [issuer, year],
    );
    const [counter] = await em.execute<{ last_number: number }[]>(
      'select last_number from billing.invoice_counter where issuer = ? and year = ? for update',
      [issuer, year],
    );
    const next = counter.last_number + 1;
    await em.execute('update billing.invoice_counter set last_number = ? where issuer = ? and year = ?', [
      next,
      issuer,
      year,
    ]);
    return next;
  }

  async exists(em: EntityManager, accountId: string, periodStart: string): Promise<boolean> {
    const rows = await em.execute<unknown[]>(
      'select 1 from billing.invoice where account_id = ? and period_start = ?',
      [accountId, periodStart],
    );
    return rows.length > 0;
  }

  async insert(em: EntityManager, invoice: Invoice): Promise<void> {
    await em.execute(
      `insert into billing.invoice (id, account_id, issuer, number, period_start, period_end, currency, total_minor, lines, billed_to, issued_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)`,
      [
        invoice.id,
        invoice.accountId,
        invoice.issuer,
        invoice.number,
        invoice.periodStart,
        invoice.periodEnd,
        invoice.currency,
        invoice.totalMinor,
        JSON.stringify(invoice.lines),
        JSON.stringify(invoice.billedTo),
        invoice.issuedAt,
      ],
    );
  }

  // The invoice an order was billed on, if it was invoiced yet.
  async numberForOrder(em: EntityManager, accountId: string, orderId: string): Promise<string | null> {
    const [row] = await em.execute<{ number: string }[]>(
      'select number from billing.invoice where account_id = ? and lines @> ?::jsonb',
      [accountId, JSON.stringify([{ orderId }])],
    );
    return row?.number ?? null;
  }

  // Newest period first, keyset-paged on (period_start, id).
  async list(
    em: EntityManager,
    query: { accountId: string; after?: { periodStart: string; id: string }; limit: number },
  ): Promise<Invoice[]> {
    const after = query.after;
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.invoice where account_id = ?
       ${after === undefined ? '' : 'and (period_start, id) < (?::date, ?)'}
       order by invoice.period_start desc, id desc limit ?`,
      [query.accountId, ...(after === undefined ? [] : [after.periodStart, after.id]), query.limit],
    );
    return rows.map(toInvoice);
  }

  async find(em: EntityManager, accountId: string, id: string): Promise<Invoice | null> {
    const [row] = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.invoice where account_id = ? and id = ?`,
      [accountId, id],
    );
    return row === undefined ? null : toInvoice(row);
  }
}

function toInvoice(row: Row): Invoice {
  return {
    id: row.id,
    accountId: row.account_id,
    issuer: row.issuer,
    number: row.number,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    currency: row.currency,
    totalMinor: readBigint(row.total_minor),
    lines: row.lines,
    billedTo: row.billed_to,
    issuedAt: new Date(row.issued_at).toISOString(),
  };
}
