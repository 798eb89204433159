import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

@Injectable()
export class StripeCustomerRepository {
  async find(em: EntityManager, accountId: string): Promise<string | null> {
    const [row] = await em.execute<{ customer_id: string }[]>(
      'select customer_id from billing.stripe_customer where account_id = ?',
      [accountId],
    );
    return row?.customer_id ?? null;
  }

  // The first customer recorded for an account wins; a concurrent creator reads it back.
  async save(em: EntityManager, accountId: string, customerId: string): Promise<string> {
    await em.execute(
      'insert into billing.stripe_customer (account_id, customer_id) values (?, ?) on conflict (account_id) do nothing',
      [accountId, customerId],
    );
    return (await this.find(em, accountId)) as string;
  }

  async accountOf(em: EntityManager, customerId: string): Promise<string | null> {
    const [row] = await em.execute<{ account_id: string }[]>(
      'select account_id from billing.stripe_customer where customer_id = ?',
      [customerId],
    );
    return row?.account_id ?? null;
  }
}
