import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CLOCK, type Clock } from '@sms/runtime';
import { isLanguage } from '../templates/languages';
import { RECIPIENT_GROUPS, type NotificationSettings, type Recipients } from './notification-settings';
import { NotificationSettingsRecord } from './notification-settings.entity';

// The consumers read the settings of all accounts of a batch in one query.
@Injectable()
export class NotificationSettingsRepository {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async findMany(
    em: EntityManager,
    accountIds: readonly string[],
  ): Promise<Map<string, NotificationSettings>> {
    if (accountIds.length === 0) {
      return new Map();
    }
    const records = await em.find(NotificationSettingsRecord, {
      accountId: { $in: [...new Set(accountIds)] },
    });
    return new Map(records.map((record) => [record.accountId, toSettings(record)]));
  }

  async find(em: EntityManager, accountId: string): Promise<NotificationSettings | undefined> {
    return (await this.findMany(em, [accountId])).get(accountId);
  }

  // Inserts or replaces the account's settings.
  async save(
    em: EntityManager,
    settings: Omit<NotificationSettings, 'updatedAt'>,
  ): Promise<NotificationSettings> {
    const record = await em.upsert(NotificationSettingsRecord, { ...settings, updatedAt: this.clock.now() });
    await em.flush();
    return toSettings(record);
  }
}

function toSettings(record: NotificationSettingsRecord): NotificationSettings {
  if (!isLanguage(record.language)) {
    throw new Error(
      `notification settings of ${record.accountId} name an unknown language ${record.language}`,
    );
  }
  const recipients = Object.fromEntries(
    RECIPIENT_GROUPS.map((group) => [group, record.recipients[group] ?? []]),
  ) as Recipients;
  return {
    accountId: record.accountId,
    recipients,
    lowBalanceLevelsCredits: record.lowBalanceLevelsCredits.map(Number),
    dailyReminder: record.dailyReminder,
    language: record.language,
    timeZone: record.timeZone,
    updatedAt: record.updatedAt,
  };
}
