import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { BatchOutcome, InboundEvent } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import type { NewDelivery } from '../delivery/delivery';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { DeliverySender } from '../delivery/delivery-sender';
import type { NotificationSettings } from '../settings/notification-settings';
import { NotificationSettingsRepository } from '../settings/notification-settings.repository';
import { AccountContactsRepository } from '../settings/account-contacts.repository';
import { defaultSettings } from '../settings/default-settings';

export interface KnownEvent<T> {
  event: InboundEvent<T>;
  payload: T;
  settings: NotificationSettings;
}

// The common path of every consumer: one transaction per batch, settings of all its accounts in
// one query, delivery rows inserted in bulk in the same transaction, and the sender woken after the
// commit. An account that saved no settings gets the defaults (its owners, see defaultSettings), so
// a routine event is never dead-lettered for it; one whose owners are not known yet simply has no one
// to email for group notices, while notices addressed to a named person still go out.
@Injectable()
export class NoticeIntake {
  private readonly logger = new Logger(NoticeIntake.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly settings: NotificationSettingsRepository,
    private readonly contacts: AccountContactsRepository,
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
    const inserted = await this.unitOfWork.run(async (tx) => {
      const accountIds = [...new Set(events.map((e) => e.payload.accountId))];
      const saved = await this.settings.findMany(tx, accountIds);
      const unsaved = accountIds.filter((id) => !saved.has(id));
      const contacts = await this.contacts.findMany(tx, unsaved);
      for (const accountId of unsaved.filter((id) => !contacts.has(id))) {
        this.logger.warn({ message: 'no notification settings and no known owners', accountId });
      }
      const known = events.map((event) => ({
        event,
        payload: event.payload,
        settings:
          saved.get(event.payload.accountId) ??
          defaultSettings(event.payload.accountId, contacts.get(event.payload.accountId)),
      }));
      const planned = await plan(known, tx);
      return planned.length === 0 ? 0 : this.deliveries.insert(tx, planned);
    });
    if (inserted > 0) {
      this.sender.nudge();
    }
    return {};
  }
}
