import { Migration } from '@mikro-orm/migrations';
import { sqlIdentifier } from '@sms/persistence';

// The outbox and inbox tables every service keeps in its own schema.
export class MessagingTablesMigration extends Migration {
  override up(): void {
    const schema = sqlIdentifier(this.config.get('schema') ?? 'public');
    this.addSql(`create schema if not exists ${schema}`);
    this.addSql(`create table ${schema}.outbox (
      id bigserial primary key,
      topic text not null,
      key text not null,
      payload jsonb not null,
      created_at timestamptz not null default now(),
      published_at timestamptz null
    )`);
    this.addSql(`create index outbox_unpublished on ${schema}.outbox (id) where published_at is null`);
    this.addSql(`create table ${schema}.inbox (
      consumer text not null,
      key text not null,
      processed_at timestamptz not null default now(),
      primary key (consumer, key)
    )`);
  }
}

export const messagingTablesMigration = { name: '0000-messaging-tables', class: MessagingTablesMigration };
