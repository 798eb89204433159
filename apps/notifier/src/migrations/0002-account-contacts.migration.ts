import { Migration } from '@mikro-orm/migrations';

// Who an account's notices go to before it saves notification settings: its owners' addresses and
// time zone, one row per source that knows them (account.contacts-updated).
export class AccountContactsMigration extends Migration {
  override up(): void {
    this.addSql(`create table notifier.account_contact (
      account_id text not null,
      source text not null,
      owner_emails jsonb not null,
      time_zone text not null,
      occurred_at timestamptz not null,
      primary key (account_id, source)
    )`);
  }
}
