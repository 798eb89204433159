import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readBigint } from '@sms/persistence';

export type PaymentProviderKind = 'simulated' | 'stripe' | 'bank_transfer';
export type PaymentStatus = 'pending' | 'succeeded' | 'failed';

export interface NewPayment {
  id: string;
  orderId: string;
  accountId: string;
  provider: PaymentProviderKind;
  paymentMethodId: string | null;
  amountMinor: number;
  currency: string;
}

export interface Payment extends NewPayment {
  status: PaymentStatus;
  // The provider's own id (Stripe PaymentIntent, the bank's transaction id), when known.
  providerReference: string | null;
}

interface Row {
  id: string;
  order_id: string;
  account_id: string;
  provider: PaymentProviderKind;
  payment_method_id: string | null;
  amount_minor: string;
  currency: string;
  status: PaymentStatus;
  provider_reference: string | null;
}

const COLUMNS =
  'id, order_id, account_id, provider, payment_method_id, amount_minor, currency, status, provider_reference';

@Injectable()
export class PaymentRepository {
  // A payment billing asked a provider for: the only kind a payment outcome event may settle.
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

  async lockMany(em: EntityManager, ids: readonly string[]): Promise<Map<string, Payment>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.payment
       where id in (select jsonb_array_elements_text(?::jsonb)) order by id for update`,
      [JSON.stringify(ids)],
    );
    return new Map(rows.map((row) => [row.id, toPayment(row)]));
  }

  async recordReference(em: EntityManager, id: string, providerReference: string): Promise<void> {
    await em.execute('update billing.payment set provider_reference = ? where id = ?', [
      providerReference,
      id,
    ]);
  }

  async findByReference(
    em: EntityManager,
    provider: PaymentProviderKind,
    providerReference: string,
  ): Promise<Payment | null> {
    const [row] = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.payment where provider = ? and provider_reference = ?`,
      [provider, providerReference],
    );
    return row === undefined ? null : toPayment(row);
  }

  // The outcome of a requested payment.
  async settle(
    em: EntityManager,
    change: { id: string; status: 'succeeded' | 'failed'; failureCode: string | null; settledAt: string },
  ): Promise<void> {
    await em.execute('update billing.payment set status = ?, failure_code = ?, settled_at = ? where id = ?', [
      change.status,
      change.failureCode,
      change.settledAt,
      change.id,
    ]);
  }
}

function toPayment(row: Row): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    accountId: row.account_id,
    provider: row.provider,
    paymentMethodId: row.payment_method_id,
    amountMinor: readBigint(row.amount_minor),
    currency: row.currency,
    status: row.status,
    providerReference: row.provider_reference,
  };
}
