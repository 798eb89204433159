import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

export type PaymentProviderName = 'simulated' | 'stripe';

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

interface Row {
  id: string;
  account_id: string;
  provider: PaymentProviderName;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  token: string;
  stripe_customer_id: string | null;
  status: 'active' | 'removed';
  failed_at: Date | null;
  failure_code: string | null;
}

const COLUMNS =
  'id, account_id, provider, brand, last4, exp_month, exp_year, token, stripe_customer_id, status, failed_at, failure_code';

@Injectable()
export class PaymentMethodRepository {
  async insert(
    em: EntityManager,
    method: Omit<PaymentMethod, 'status' | 'failedAt' | 'failureCode'>,
  ): Promise<PaymentMethod> {
    const [row] = await em.execute<Row[]>(
      `insert into billing.payment_method (id, account_id, provider, brand, last4, exp_month, exp_year, token, stripe_customer_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning ${COLUMNS}`,
      [
        method.id,
        method.accountId,
        method.provider,
        method.brand,
        method.last4,
        method.expMonth,
        method.expYear,
        method.token,
        method.stripeCustomerId,
      ],
    );
    return toMethod(row);
  }

  async find(em: EntityManager, accountId: string, id: string): Promise<PaymentMethod | null> {
    const [row] = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.payment_method where account_id = ? and id = ?`,
      [accountId, id],
    );
    return row === undefined ? null : toMethod(row);
  }

  async findById(em: EntityManager, id: string): Promise<PaymentMethod | null> {
    const [row] = await em.execute<Row[]>(`select ${COLUMNS} from billing.payment_method where id = ?`, [id]);
    return row === undefined ? null : toMethod(row);
  }

  async list(em: EntityManager, accountId: string): Promise<PaymentMethod[]> {
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.payment_method where account_id = ? and status = 'active' order by created_at`,
      [accountId],
    );
    return rows.map(toMethod);
  }

  // Replacing the card details clears a recorded failure: the customer updated the card.
  async updateCard(
    em: EntityManager,
    method: Pick<PaymentMethod, 'id' | 'brand' | 'last4' | 'expMonth' | 'expYear' | 'token'>,
  ): Promise<PaymentMethod> {
    const [row] = await em.execute<Row[]>(
      `update billing.payment_method set brand = ?, last4 = ?, exp_month = ?, exp_year = ?, token = ?,
         failed_at = null, failure_code = null, updated_at = now()
       where id = ? returning ${COLUMNS}`,
      [method.brand, method.last4, method.expMonth, method.expYear, method.token, method.id],
    );
    return toMethod(row);
  }

  async markFailed(em: EntityManager, id: string, code: string): Promise<void> {
    await em.execute(
      'update billing.payment_method set failed_at = now(), failure_code = ?, updated_at = now() where id = ?',
      [code, id],
    );
  }

  async remove(em: EntityManager, id: string): Promise<void> {
    await em.execute(
      "update billing.payment_method set status = 'removed', updated_at = now() where id = ?",
      [id],
    );
  }
}

function toMethod(row: Row): PaymentMethod {
  return {
    id: row.id,
    accountId: row.account_id,
    provider: row.provider,
    brand: row.brand,
    last4: row.last4,
    expMonth: row.exp_month,
    expYear: row.exp_year,
    token: row.token,
    stripeCustomerId: row.stripe_customer_id,
    status: row.status,
    failedAt: row.failed_at === null ? null : new Date(row.failed_at).toISOString(),
    failureCode: row.failure_code,
  };
}
