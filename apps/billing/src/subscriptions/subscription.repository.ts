import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readBigint } from '@sms/persistence';

export interface Subscription {
  id: string;
  accountId: string;
  creditsPerPeriod: number;
  nextCreditsPerPeriod: number | null;
  paymentMethodId: string;
  status: 'active' | 'cancelled';
  currentPeriodStart: string;
  nextRenewalAt: string;
}

interface Row {
  id: string;
  account_id: string;
  credits_per_period: string;
  next_credits_per_period: string | null;
  payment_method_id: string;
  status: 'active' | 'cancelled';
  current_period_start: Date;
  next_renewal_at: Date;
}

const COLUMNS =
  'id, account_id, credits_per_period, next_credits_per_period, payment_method_id, status, current_period_start, next_renewal_at';

@Injectable()
export class SubscriptionRepository {
  async save(em: EntityManager, s: Subscription): Promise<Subscription> {
    const [row] = await em.execute<Row[]>(
      `insert into billing.subscription (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set credits_per_period = excluded.credits_per_period,
         next_credits_per_period = excluded.next_credits_per_period,
         payment_method_id = excluded.payment_method_id, status = excluded.status,
         current_period_start = excluded.current_period_start, next_renewal_at = excluded.next_renewal_at,
         updated_at = now()
       returning ${COLUMNS}`,
      [
        s.id,
        s.accountId,
        s.creditsPerPeriod,
        s.nextCreditsPerPeriod,
        s.paymentMethodId,
        s.status,
        s.currentPeriodStart,
        s.nextRenewalAt,
      ],
    );
    return toSubscription(row);
  }

  async find(
    em: EntityManager,
    accountId: string,
    id: string,
    options: { lock: boolean },
  ): Promise<Subscription | null> {
    const [row] = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.subscription where account_id = ? and id = ? ${options.lock ? 'for update' : ''}`,
      [accountId, id],
    );
    return row === undefined ? null : toSubscription(row);
  }

  async list(em: EntityManager, accountId: string): Promise<Subscription[]> {
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.subscription where account_id = ? order by created_at`,
      [accountId],
    );
    return rows.map(toSubscription);
  }

  async lockDue(em: EntityManager, asOf: string, limit: number): Promise<Subscription[]> {
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from billing.subscription where status = 'active' and next_renewal_at <= ?
       order by next_renewal_at, id limit ? for update skip locked`,
      [asOf, limit],
    );
    return rows.map(toSubscription);
  }
}

function toSubscription(row: Row): Subscription {
  return {
    id: row.id,
    accountId: row.account_id,
    creditsPerPeriod: readBigint(row.credits_per_period),
    nextCreditsPerPeriod:
      row.next_credits_per_period === null ? null : readBigint(row.next_credits_per_period),
    paymentMethodId: row.payment_method_id,
    status: row.status,
    currentPeriodStart: new Date(row.current_period_start).toISOString(),
    nextRenewalAt: new Date(row.next_renewal_at).toISOString(),
  };
}
