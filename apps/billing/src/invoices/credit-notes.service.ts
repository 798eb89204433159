import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { UnitOfWork } from '@sms/persistence';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import type { Order } from '../orders/order';
import { BillingProfileRepository } from '../profiles/billing-profile.repository';
import { newId } from '../shared/ids';
import { CreditNote, CreditNoteRepository } from './credit-note.repository';
import { InvoiceRepository } from './invoice.repository';

@Injectable()
export class CreditNotesService {
  constructor(
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
    private readonly transactions: UnitOfWork,
    private readonly notes: CreditNoteRepository,
    private readonly invoices: InvoiceRepository,
    private readonly profiles: BillingProfileRepository,
  ) {}

  // Issued by the order's invoice issuer in its own gap-free series: SMSC-CN-2026-000001.
  async issue(
    tx: EntityManager,
    input: { order: Order; reason: string; amountMinor: number; at: string },
  ): Promise<CreditNote> {
    const profile = await this.profiles.find(tx, input.order.accountId);
    const issuer = profile?.issuer ?? this.config.INVOICE_ISSUER;
    const year = DateTime.fromISO(input.at, { zone: profile?.timeZone ?? 'UTC' }).year;
    const series = `${issuer}-CN`;
    const sequence = await this.invoices.nextNumber(tx, series, year);
    const note: CreditNote = {
      id: newId('cn'),
      accountId: input.order.accountId,
      issuer,
      number: `${series}-${year}-${String(sequence).padStart(6, '0')}`,
      orderId: input.order.id,
      invoiceNumber: await this.invoices.numberForOrder(tx, input.order.accountId, input.order.id),
      reason: input.reason,
      amountMinor: input.amountMinor,
      currency: input.order.currency,
      issuedAt: input.at,
    };
    await this.notes.insert(tx, note);
    return note;
  }

  async list(accountId: string): Promise<CreditNote[]> {
    return this.transactions.run((tx) => this.notes.list(tx, accountId));
  }
}
