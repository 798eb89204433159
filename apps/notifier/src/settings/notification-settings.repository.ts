import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isLanguage } from '../templates/languages';
import { RECIPIENT_GROUPS, type NotificationSettings, type Recipients } from './notification-settings';

interface SettingsRow {
  account_id: string;
  recipients: Partial<Recipients>;
  low_balance_levels_credits: number[];
  daily_reminder: boolean;
  language: string;
  time_zone: string;
  updated_at: Date;
}

// Plain SQL: one small table read in bulk by the consumers (all accounts of a batch in one query).
@Injectable()
export class NotificationSettingsRepository {
  async findMany(
    em: EntityManager,
    accountIds: readonly string[],
  ): Promise<Map<string, NotificationSettings>> {
    if (accountIds.length === 0) {
      return new Map();
    }
    const rows = await em.execute<SettingsRow[]>(
      `select s.* from notifier.notification_settings s
       where s.account_id in (select jsonb_array_elements_text(?::jsonb))`,
      [JSON.stringify([...new Set(accountIds)])],
    );
    return new Map(rows.map((row) => [row.account_id, toSettings(row)]));
  }

  async find(em: EntityManager, accountId: string): Promise<NotificationSettings | undefined> {
    return (await this.findMany(em, [accountId])).get(accountId);
  }

  async save(
    em: EntityManager,
    settings: Omit<NotificationSettings, 'updatedAt'>,
  ): Promise<NotificationSettings> {
    const [row] = await em.execute<SettingsRow[]>(
      `insert into notifier.notification_settings
         (account_id, recipients, low_balance_levels_credits, daily_reminder, language, time_zone)
       values (?, ?::jsonb, ?::jsonb, ?, ?, ?)
       on conflict (account_id) do update set
         recipients = excluded.recipients,
         low_balance_levels_credits = excluded.low_balance_levels_credits,
         daily_reminder = excluded.daily_reminder,
         language = excluded.language,
         time_zone = excluded.time_zone,
         updated_at = now()
       returning *`,
      [
        settings.accountId,
        JSON.stringify(settings.recipients),
        JSON.stringify(settings.lowBalanceLevelsCredits),
        settings.dailyReminder,
        settings.language,
        settings.timeZone,
      ],
    );
    return toSettings(row);
  }
}

function toSettings(row: SettingsRow): NotificationSettings {
  if (!isLanguage(row.language)) {
    throw new Error(`notification settings of ${row.account_id} name an unknown language ${row.language}`);
  }
  const recipients = Object.fromEntries(
    RECIPIENT_GROUPS.map((group) => [group, row.recipients[group] ?? []]),
  ) as Recipients;
  return {
    accountId: row.account_id,
    recipients,
    lowBalanceLevelsCredits: row.low_balance_levels_credits.map(Number),
    dailyReminder: row.daily_reminder,
    language: row.language,
    timeZone: row.time_zone,
    updatedAt: new Date(row.updated_at),
  };
}
