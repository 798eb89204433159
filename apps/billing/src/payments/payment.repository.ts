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
