import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface NewPayment {
  id: string;
  orderId: string;
  accountId: string;
  provider: 'simulated' | 'stripe' | 'bank_transfer';
  paymentMethodId: string | null;
  amountMinor: number;
  currency: string;
}

@Injectable()
export class PaymentRepository {
  async insert(em: EntityManager, payment: NewPayment): Promise<void> {
    await em.execute(
      `insert into billing.payment (id, order_id, account_id, provider, payment_method_id, amount_minor, currency, status)
       values (?, ?, ?, ?, ?, ?, ?, 'pending')`,
      [
        payment.id,
        payment.orderId,
        payment.accountId,
        payment.provider,
        payment.paymentMethodId,
        payment.amountMinor,
        payment.currency,
      ],
    );
  }

  // A bank transfer an operator reconciled, recorded as it arrived. Returns false when the bank's
  // transaction id was recorded before (the same statement line imported again).
  async insertReceived(
    em: EntityManager,
    payment: NewPayment & { providerReference: string; settledAt: string },
  ): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `insert into billing.payment (id, order_id, account_id, provider, payment_method_id, amount_minor, currency,
         status, provider_reference, settled_at)
       values (?, ?, ?, ?, ?, ?, ?, 'succeeded', ?, ?)
       on conflict (provider, provider_reference) where provider_reference is not null do nothing
       returning id`,
      [
        payment.id,
        payment.orderId,
        payment.accountId,
        payment.provider,
        payment.paymentMethodId,
        payment.amountMinor,
        payment.currency,
        payment.providerReference,
        payment.settledAt,
      ],
    );
    return rows.length > 0;
  }

  async isRecorded(
    em: EntityManager,
    provider: NewPayment['provider'],
    providerReference: string,
  ): Promise<boolean> {
    const rows = await em.execute<unknown[]>(
      'select 1 from billing.payment where provider = ? and provider_reference = ?',
      [provider, providerReference],
    );
    return rows.length > 0;
  }

  // Records a settled payment (bank transfers arrive without a pending row, so this upserts).
  async settle(
    em: EntityManager,
    payment: NewPayment & { status: 'succeeded' | 'failed'; failureCode: string | null; settledAt: string },
  ): Promise<void> {
    await em.execute(
      `insert into billing.payment (id, order_id, account_id, provider, payment_method_id, amount_minor, currency, status, failure_code, settled_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set status = excluded.status, failure_code = excluded.failure_code,
         settled_at = excluded.settled_at`,
      [
        payment.id,
        payment.orderId,
        payment.accountId,
        payment.provider,
        payment.paymentMethodId,
        payment.amountMinor,
        payment.currency,
        payment.status,
        payment.failureCode,
        payment.settledAt,
      ],
    );
  }
}
