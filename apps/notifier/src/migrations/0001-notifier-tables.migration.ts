import { Migration } from '@mikro-orm/migrations';

// Settings per account, the delivery log (one row per event, recipient and kind of notice) and the
// low-balance state the daily reminder works from.
export class NotifierTablesMigration extends Migration {
  override up(): void {
    this.addSql(`create table notifier.notification_settings (
      account_id text primary key,
      recipients jsonb not null,
      low_balance_levels_credits jsonb not null,
      daily_reminder boolean not null,
      language text not null,
      time_zone text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);

    this.addSql(`create table notifier.delivery (
      id bigserial primary key,
      event_id text not null,
      recipient text not null,
      kind text not null,
      account_id text not null,
      subject text not null,
      html text not null,
      text text not null,
      status text not null default 'pending'
        check (status in ('pending', 'sending', 'sent', 'failed')),
      attempts int not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_attempt_at timestamptz null,
      last_error text null,
      smtp_message_id text null,
      sent_at timestamptz null,
      created_at timestamptz not null default now(),
      constraint delivery_once unique (event_id, recipient, kind)
    )`);
    this.addSql(`create index delivery_due on notifier.delivery (next_attempt_at) where status = 'pending'`);
    this.addSql(
      `create index delivery_sending on notifier.delivery (last_attempt_at) where status = 'sending'`,
    );
    this.addSql(`create index delivery_by_account on notifier.delivery (account_id, id desc)`);

    // One row per (account, level): below or not, as of the latest balance.low / balance.recovered.
    this.addSql(`create table notifier.low_balance_state (
      account_id text not null,
      level_millicredits bigint not null,
      below boolean not null,
      changed_at timestamptz not null,
      balance_millicredits bigint not null,
      estimated_sms_left bigint null,
      last_notice_date date null,
      primary key (account_id, level_millicredits)
    )`);
    this.addSql(`create index low_balance_below on notifier.low_balance_state (account_id) where below`);
  }
}
