import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { StripeCustomerRecord } from './stripe-customer.entity';

@Injectable()
export class StripeCustomerRepository {
  async find(em: EntityManager, accountId: string): Promise<string | null> {
    const record = await em.findOne(StripeCustomerRecord, { accountId });
    return record?.customerId ?? null;
  }

  // The first customer recorded for an account wins; a concurrent creator reads it back.
  // SQL: `on conflict do nothing` lets the loser carry on in its transaction, which a unique violation
  // from an ORM flush would abort; the winner's row is then read fresh, not from the identity map.
  async save(em: EntityManager, accountId: string, customerId: string): Promise<string> {
    await em.execute(
      'insert into billing.stripe_customer (account_id, customer_id) values (?, ?) on conflict (account_id) do nothing',
      [accountId, customerId],
    );
    const record = await em.findOneOrFail(StripeCustomerRecord, { accountId }, { refresh: true });
    return record.customerId;
  }

  async accountOf(em: EntityManager, customerId: string): Promise<string | null> {
    const record = await em.findOne(StripeCustomerRecord, { customerId });
    return record?.accountId ?? null;
  }
}
