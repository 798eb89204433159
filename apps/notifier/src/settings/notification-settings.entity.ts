import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { Recipients } from './notification-settings';

// An account's saved notification settings as stored: recipients per group and the low-balance
// levels are JSON documents of the row.
export class NotificationSettingsRecord {
  [OptionalProps]?: 'createdAt' | 'updatedAt';
  accountId!: string;
  recipients!: Partial<Recipients>;
  lowBalanceLevelsCredits!: number[];
  dailyReminder!: boolean;
  language!: string;
  timeZone!: string;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const NotificationSettingsRecordSchema = new EntitySchema<NotificationSettingsRecord>({
  class: NotificationSettingsRecord,
  tableName: 'notification_settings',
  properties: {
    accountId: { type: 'text', primary: true },
    recipients: { type: 'json', columnType: 'jsonb' },
    lowBalanceLevelsCredits: { type: 'json', columnType: 'jsonb' },
    dailyReminder: { type: 'boolean' },
    language: { type: 'text' },
    timeZone: { type: 'text' },
    createdAt: { type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' },
    updatedAt: {
      type: 'datetime',
      columnType: 'timestamptz',
      defaultRaw: 'now()',
      onUpdate: () => new Date(),
    },
  },
});
