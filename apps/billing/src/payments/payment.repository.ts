import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PaymentRecord, type PaymentProviderKind, type PaymentStatus } from './payment.entity';

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

@Injectable()
export class PaymentRepository {
  // A payment billing asked a provider for: the only kind a payment outcome event may settle.
  async insert(em: EntityManager, payment: NewPayment): Promise<void> {
    em.create(PaymentRecord, {
      id: payment.id,
      orderId: payment.orderId,
      accountId: payment.accountId,
      provider: payment.provider,
      paymentMethodId: payment.paymentMethodId,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      status: 'pending',
    });
    await em.flush();
  }

  // A bank transfer an operator reconciled, recorded as it arrived. Returns false when the bank's
  // transaction id was recorded before (the same statement line imported again).
  // SQL: `on conflict ... do nothing` on the partial unique index skips the repeat without aborting the
  // transaction, which a unique violation from an ORM flush would; the ORM cannot name a partial index
  // as its conflict target.
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
    return (await em.count(PaymentRecord, { provider, providerReference })) > 0;
  }

  async lockMany(em: EntityManager, ids: readonly string[]): Promise<Map<string, Payment>> {
    if (ids.length === 0) {
      return new Map();
    }
    const records = await em.find(
      PaymentRecord,
      { id: { $in: [...ids] } },
      { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    return new Map(records.map((record) => [record.id, toPayment(record)]));
  }

  async recordReference(em: EntityManager, id: string, providerReference: string): Promise<void> {
    const record = await em.findOneOrFail(PaymentRecord, id);
    record.providerReference = providerReference;
    await em.flush();
  }

  async findByReference(
    em: EntityManager,
    provider: PaymentProviderKind,
    providerReference: string,
  ): Promise<Payment | null> {
    const record = await em.findOne(PaymentRecord, { provider, providerReference });
    return record === null ? null : toPayment(record);
  }

  // The outcome of a requested payment.
  async settle(
    em: EntityManager,
    change: { id: string; status: 'succeeded' | 'failed'; failureCode: string | null; settledAt: string },
  ): Promise<void> {
    const record = await em.findOneOrFail(PaymentRecord, change.id);
    record.status = change.status;
    record.failureCode = change.failureCode;
    record.settledAt = new Date(change.settledAt);
    await em.flush();
  }
}

function toPayment(record: PaymentRecord): Payment {
  return {
    id: record.id,
    orderId: record.orderId,
    accountId: record.accountId,
    provider: record.provider,
    paymentMethodId: record.paymentMethodId,
    amountMinor: record.amountMinor,
    currency: record.currency,
    status: record.status,
    providerReference: record.providerReference,
  };
}
