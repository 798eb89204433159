import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DateTime } from 'luxon';
import { eventEnvelope, InvoiceIssued } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { DEFAULT_PAGE_SIZE, decodeCursor, type Page, toPage } from '@sms/runtime';
import { UnitOfWork } from '@sms/persistence';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import type { Order } from '../orders/order';
import { OrderRepository } from '../orders/order.repository';
import { BillingProfileRepository } from '../profiles/billing-profile.repository';
import { newId } from '../shared/ids';
import { invoiceDue } from './invoice-calendar';
import { renderInvoicePdf } from './invoice-pdf';
import { Invoice, InvoiceRepository } from './invoice.repository';

const DESCRIPTIONS: Record<Order['kind'], string> = {
  one_time: 'SMS credits',
  subscription: 'SMS credits subscription',
  auto_topup: 'SMS credits auto top-up',
};

@Injectable()
export class InvoicesService {
  constructor(
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
    private readonly transactions: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly orders: OrderRepository,
    private readonly profiles: BillingProfileRepository,
    private readonly outbox: Outbox,
  ) {}

  // One invoice per account for the previous month's paid orders, on the first business day of the
  // month in the account's time zone. One transaction per account, so one account's failure does not
  // hold back the others' invoices (or the issuer's counter for long).
  async issueDue(asOf: Date): Promise<number> {
    const profiles = await this.transactions.run((tx) => this.profiles.all(tx));
    let issued = 0;
    for (const profile of profiles) {
      const period = invoiceDue(asOf, profile.timeZone);
      if (period === null) {
        continue;
      }
      const done = await this.transactions.run(async (tx) => {
        if (await this.invoices.exists(tx, profile.accountId, period.periodStart)) {
          return false;
        }
        const paid = await this.orders.paidBetween(tx, profile.accountId, period.from, period.to);
        if (paid.length === 0) {
          return false;
        }
        const issuer = profile.issuer ?? this.config.INVOICE_ISSUER;
        const year = DateTime.fromISO(period.issueDate).year;
        const sequence = await this.invoices.nextNumber(tx, issuer, year);
        const invoice: Invoice = {
          id: newId('inv'),
          accountId: profile.accountId,
          issuer,
          number: `${issuer}-${year}-${String(sequence).padStart(6, '0')}`,
          periodStart: period.periodStart,
          periodEnd: period.periodEnd,
          currency: profile.currency,
          totalMinor: paid.reduce((sum, order) => sum + order.amountMinor, 0),
          lines: paid.map((order) => ({
            orderId: order.id,
            description: DESCRIPTIONS[order.kind],
            credits: order.credits,
            amountMinor: order.amountMinor,
            paidAt: order.paidAt as string,
          })),
          billedTo: {
            legalName: profile.legalName,
            email: profile.email,
            address: profile.address,
            vatNumber: profile.vatNumber,
            country: profile.country,
          },
          issuedAt: asOf.toISOString(),
        };
        await this.invoices.insert(tx, invoice);
        await this.outbox.add(tx, InvoiceIssued, [
          {
            ...eventEnvelope(invoice.issuedAt),
            accountId: invoice.accountId,
            invoiceId: invoice.id,
            number: invoice.number,
            periodStart: invoice.periodStart,
            periodEnd: invoice.periodEnd,
            totalMinor: invoice.totalMinor,
            currency: invoice.currency,
            downloadPath: `/accounts/${invoice.accountId}/invoices/${invoice.id}/pdf`,
          },
        ]);
        return true;
      });
      issued += done ? 1 : 0;
    }
    return issued;
  }

  async list(query: { accountId: string; cursor?: string; limit?: number }): Promise<Page<Invoice>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const key = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['string', 'string']);
    if (key !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(key[0] as string)) {
      throw new BadRequestException(
        'cursor is not one this list returned: pass nextCursor of the previous page',
      );
    }
    const rows = await this.transactions.run((tx) =>
      this.invoices.list(tx, {
        accountId: query.accountId,
        after: key === undefined ? undefined : { periodStart: key[0] as string, id: key[1] as string },
        limit: limit + 1,
      }),
    );
    return toPage(rows, limit, (invoice) => [invoice.periodStart, invoice.id]);
  }

  async get(accountId: string, id: string): Promise<Invoice> {
    const invoice = await this.transactions.run((tx) => this.invoices.find(tx, accountId, id));
    if (invoice === null) {
      throw new NotFoundException(`Invoice ${id} not found`);
    }
    return invoice;
  }

  async pdf(accountId: string, id: string): Promise<{ invoice: Invoice; pdf: Buffer }> {
    const invoice = await this.get(accountId, id);
    return { invoice, pdf: await renderInvoicePdf(invoice, this.config.BANK_BENEFICIARY) };
  }
}
