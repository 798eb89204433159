import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { BatchOutcome, InboundEvent, Rejection } from '@sms/messaging';
import type { NewDelivery } from '../delivery/delivery';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { DeliverySender } from '../delivery/delivery-sender';
import type { NotificationSettings } from '../settings/notification-settings';
import { NotificationSettingsRepository } from '../settings/notification-settings.repository';

export interface KnownEvent<T> {
  event: InboundEvent<T>;
  payload: T;
  settings: NotificationSettings;
}

// The common path of every consumer: one transaction per batch, settings of all its accounts in
// one query, events of accounts without settings rejected (dead-lettered), delivery rows inserted
// in bulk in the same transaction, and the sender woken after the commit.
@Injectable()
export class NoticeIntake {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: NotificationSettingsRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly sender: DeliverySender,
  ) {}

  async handle<T extends { accountId: string }>(
    events: readonly InboundEvent<T>[],
    plan: (known: KnownEvent<T>[], tx: EntityManager) => Promise<NewDelivery[]> | NewDelivery[],
  ): Promise<BatchOutcome> {
    if (events.length === 0) {
      return {};
    }
    const rejected: Rejection[] = [];
    const inserted = await this.em.fork().transactional(async (tx) => {
      const settings = await this.settings.findMany(
        tx,
        events.map((e) => e.payload.accountId),
      );
      const known: KnownEvent<T>[] = [];
      for (const event of events) {
        const found = settings.get(event.payload.accountId);
        if (found) {
          known.push({ event, payload: event.payload, settings: found });
        } else {
          rejected.push({
            event,
            reason: `unknown account ${event.payload.accountId}: no notification settings`,
          });
        }
      }
      return known.length === 0 ? 0 : this.deliveries.insert(tx, await plan(known, tx));
    });
    if (inserted > 0) {
      this.sender.nudge();
    }
    return { rejected };
  }
}
