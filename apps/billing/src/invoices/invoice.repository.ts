import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type BilledTo, type InvoiceLine, InvoiceRecord } from './invoice.entity';

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
  billedTo: BilledTo;
  issuedAt: string;
}

@Injectable()
export class InvoiceRepository {
  // Gap-free numbering: the issuer's counter row stays locked until the invoice using the number
  // commits, so a rolled-back invoice gives its number back and two issuers never share one.
  // SQL: the counter is an allocation (create if missing, lock, increment), not an aggregate; it has
  // no entity.
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
    return (await em.count(InvoiceRecord, { accountId, periodStart })) > 0;
  }

  async insert(em: EntityManager, invoice: Invoice): Promise<void> {
    em.create(InvoiceRecord, { ...invoice, issuedAt: new Date(invoice.issuedAt) });
    await em.flush();
  }

  // The invoice an order was billed on, if it was invoiced yet.
  // SQL: jsonb containment (`@>`) on the lines has no form in the ORM's query language.
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
    const records = await em.find(
      InvoiceRecord,
      after === undefined
        ? { accountId: query.accountId }
        : {
            accountId: query.accountId,
            $or: [
              { periodStart: { $lt: after.periodStart } },
              { periodStart: after.periodStart, id: { $lt: after.id } },
            ],
          },
      { orderBy: { periodStart: 'desc', id: 'desc' }, limit: query.limit },
    );
    return records.map(toInvoice);
  }

  async find(em: EntityManager, accountId: string, id: string): Promise<Invoice | null> {
    const record = await em.findOne(InvoiceRecord, { accountId, id });
    return record === null ? null : toInvoice(record);
  }
}

function toInvoice(record: InvoiceRecord): Invoice {
  return {
    id: record.id,
    accountId: record.accountId,
    issuer: record.issuer,
    number: record.number,
    periodStart: record.periodStart,
    periodEnd: record.periodEnd,
    currency: record.currency,
    totalMinor: record.totalMinor,
    lines: record.lines,
    billedTo: record.billedTo,
    issuedAt: record.issuedAt.toISOString(),
  };
}
