import { BigIntType, EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { NoticeKind } from '../templates/notice-kind';
import { DELIVERY_STATUSES, type DeliveryStatus } from './delivery';

// One email to one recipient for one reason, as stored in the delivery log. The bulk insert and the
// claim of due rows stay SQL (see DeliveryRepository); the entity serves every other read and write.
export class Delivery {
  // Set by the database on insert.
  [OptionalProps]?: 'status' | 'attempts' | 'nextAttemptAt' | 'createdAt';
  // bigserial, read as a string so an id never passes through a float.
  id!: string;
  eventId!: string;
  recipient!: string;
  kind!: NoticeKind;
  accountId!: string;
  subject!: string;
  html!: string;
  text!: string;
  status!: DeliveryStatus;
  attempts!: number;
  nextAttemptAt!: Date;
  lastAttemptAt: Date | null = null;
  lastError: string | null = null;
  smtpMessageId: string | null = null;
  sentAt: Date | null = null;
  createdAt!: Date;
}

const TIMESTAMP = { type: 'datetime', columnType: 'timestamptz' } as const;

export const DeliverySchema = new EntitySchema<Delivery>({
  class: Delivery,
  tableName: 'delivery',
  // The constraints and indexes as migration 0001 created them (partial ones as their own SQL), so a
  // schema diff against this entity is empty.
  uniques: [{ name: 'delivery_once', properties: ['eventId', 'recipient', 'kind'] }],
  indexes: [
    {
      name: 'delivery_due',
      expression: `create index "delivery_due" on "notifier"."delivery" ("next_attempt_at") where status = 'pending'`,
    },
    {
      name: 'delivery_sending',
      expression: `create index "delivery_sending" on "notifier"."delivery" ("last_attempt_at") where status = 'sending'`,
    },
    {
      name: 'delivery_by_account',
      expression: 'create index "delivery_by_account" on "notifier"."delivery" ("account_id", "id" desc)',
    },
  ],
  properties: {
    id: { type: new BigIntType('string'), primary: true, autoincrement: true },
    eventId: { type: 'text' },
    recipient: { type: 'text' },
    kind: { type: 'text' },
    accountId: { type: 'text' },
    subject: { type: 'text' },
    // The rendered email: loaded only where it is sent, never for the log's listings.
    html: { type: 'text', lazy: true },
    text: { type: 'text', lazy: true },
    // A text column with a check constraint (delivery_status_check), as MikroORM maps an enum.
    status: { enum: true, items: () => [...DELIVERY_STATUSES], default: 'pending' },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: { ...TIMESTAMP, defaultRaw: 'now()' },
    lastAttemptAt: { ...TIMESTAMP, nullable: true },
    lastError: { type: 'text', nullable: true },
    smtpMessageId: { type: 'text', nullable: true },
    sentAt: { ...TIMESTAMP, nullable: true },
    createdAt: { ...TIMESTAMP, defaultRaw: 'now()' },
  },
});
