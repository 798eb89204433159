import { Inject, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, type Clock } from '@sms/runtime';
import { SubscriptionRecord } from './subscription.entity';

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

// Every write is flushed at once, like the orders it is read with in the same transaction.
@Injectable()
export class SubscriptionRepository {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  // Inserts or replaces the subscription in one statement; the account it belongs to never changes.
  async save(em: EntityManager, s: Subscription): Promise<Subscription> {
    const record = await em.upsert(
      SubscriptionRecord,
      {
        ...s,
        currentPeriodStart: new Date(s.currentPeriodStart),
        nextRenewalAt: new Date(s.nextRenewalAt),
        updatedAt: this.clock.now(),
      },
      { onConflictExcludeFields: ['accountId', 'createdAt'] },
    );
    await em.flush();
    return toSubscription(record);
  }

  async find(
    em: EntityManager,
    accountId: string,
    id: string,
    options: { lock: boolean },
  ): Promise<Subscription | null> {
    const record = await em.findOne(
      SubscriptionRecord,
      { accountId, id },
      options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {},
    );
    return record === null ? null : toSubscription(record);
  }

  async list(em: EntityManager, accountId: string): Promise<Subscription[]> {
    const records = await em.find(SubscriptionRecord, { accountId }, { orderBy: { createdAt: 'asc' } });
    return records.map(toSubscription);
  }

  // Active subscriptions due for renewal, locked; rows a concurrent run holds are skipped.
  async lockDue(em: EntityManager, asOf: string, limit: number): Promise<Subscription[]> {
    const records = await em.find(
      SubscriptionRecord,
      { status: 'active', nextRenewalAt: { $lte: new Date(asOf) } },
      {
        orderBy: { nextRenewalAt: 'asc', id: 'asc' },
        limit,
        lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
        refresh: true,
      },
    );
    return records.map(toSubscription);
  }
}

function toSubscription(record: SubscriptionRecord): Subscription {
  return {
    id: record.id,
    accountId: record.accountId,
    creditsPerPeriod: record.creditsPerPeriod,
    nextCreditsPerPeriod: record.nextCreditsPerPeriod,
    paymentMethodId: record.paymentMethodId,
    status: record.status,
    currentPeriodStart: record.currentPeriodStart.toISOString(),
    nextRenewalAt: record.nextRenewalAt.toISOString(),
  };
}
