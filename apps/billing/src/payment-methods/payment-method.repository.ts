import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, type Clock } from '@sms/runtime';
import { PaymentMethodRecord, type PaymentProviderName } from './payment-method.entity';

export interface PaymentMethod {
  id: string;
  accountId: string;
  provider: PaymentProviderName;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  token: string;
  stripeCustomerId: string | null;
  status: 'active' | 'removed';
  failedAt: string | null;
  failureCode: string | null;
}

// Every write is flushed at once, like the orders it is read with in the same transaction.
@Injectable()
export class PaymentMethodRepository {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async insert(
    em: EntityManager,
    method: Omit<PaymentMethod, 'status' | 'failedAt' | 'failureCode'>,
  ): Promise<PaymentMethod> {
    const record = em.create(PaymentMethodRecord, {
      id: method.id,
      accountId: method.accountId,
      provider: method.provider,
      brand: method.brand,
      last4: method.last4,
      expMonth: method.expMonth,
      expYear: method.expYear,
      token: method.token,
      stripeCustomerId: method.stripeCustomerId,
    });
    await em.flush();
    return toMethod(record);
  }

  async find(em: EntityManager, accountId: string, id: string): Promise<PaymentMethod | null> {
    const record = await em.findOne(PaymentMethodRecord, { accountId, id });
    return record === null ? null : toMethod(record);
  }

  async findById(em: EntityManager, id: string): Promise<PaymentMethod | null> {
    const record = await em.findOne(PaymentMethodRecord, id);
    return record === null ? null : toMethod(record);
  }

  async list(em: EntityManager, accountId: string): Promise<PaymentMethod[]> {
    const records = await em.find(
      PaymentMethodRecord,
      { accountId, status: 'active' },
      { orderBy: { createdAt: 'asc' } },
    );
    return records.map(toMethod);
  }

  // Replacing the card details clears a recorded failure: the customer updated the card.
  async updateCard(
    em: EntityManager,
    method: Pick<PaymentMethod, 'id' | 'brand' | 'last4' | 'expMonth' | 'expYear' | 'token'>,
  ): Promise<PaymentMethod> {
    const record = await em.findOneOrFail(PaymentMethodRecord, method.id);
    record.brand = method.brand;
    record.last4 = method.last4;
    record.expMonth = method.expMonth;
    record.expYear = method.expYear;
    record.token = method.token;
    record.failedAt = null;
    record.failureCode = null;
    record.updatedAt = this.clock.now();
    await em.flush();
    return toMethod(record);
  }

  async markFailed(em: EntityManager, id: string, code: string): Promise<void> {
    const record = await em.findOneOrFail(PaymentMethodRecord, id);
    record.failedAt = this.clock.now();
    record.failureCode = code;
    record.updatedAt = record.failedAt;
    await em.flush();
  }

  async remove(em: EntityManager, id: string): Promise<void> {
    const record = await em.findOneOrFail(PaymentMethodRecord, id);
    record.status = 'removed';
    record.updatedAt = this.clock.now();
    await em.flush();
  }
}

function toMethod(record: PaymentMethodRecord): PaymentMethod {
  return {
    id: record.id,
    accountId: record.accountId,
    provider: record.provider,
    brand: record.brand,
    last4: record.last4,
    expMonth: record.expMonth,
    expYear: record.expYear,
    token: record.token,
    stripeCustomerId: record.stripeCustomerId,
    status: record.status,
    failedAt: record.failedAt?.toISOString() ?? null,
    failureCode: record.failureCode,
  };
}
