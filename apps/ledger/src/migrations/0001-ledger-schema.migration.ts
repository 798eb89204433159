import { Migration } from '@mikro-orm/migrations';

// The ledger's tables. Amounts are bigint millicredits (1 credit = 1,000). The journal is append-only;
// the balances cached on `account` are updated in the same transaction as the entries that explain them.
export class LedgerSchemaMigration extends Migration {
  override up(): void {
    this.addSql(`create table ledger.account (
      id text primary key,
      time_zone text not null default 'UTC',
      home_country char(2) not null,
      consumption_policy text not null default 'non_expiring_first'
        check (consumption_policy in ('non_expiring_first', 'soonest_expiry_first')),
      default_validity_days int null check (default_validity_days > 0),
      extend_on_purchase boolean not null default false,
      overdraft_millicredits bigint not null default 0 check (overdraft_millicredits >= 0),
      list_mode text not null default 'shared' check (list_mode in ('shared', 'allocated')),
      balance_millicredits bigint not null default 0,
      held_millicredits bigint not null default 0,
      depleted boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table ledger.credit_lot (
      id text primary key,
      seq bigserial not null,
      account_id text not null references ledger.account (id),
      order_id text null unique,
      source text not null,
      granted_millicredits bigint not null,
      remaining_millicredits bigint not null check (remaining_millicredits >= 0),
      expiry_date date null,
      expires_at timestamptz null,
      expired_at timestamptz null,
      created_at timestamptz not null default now()
    )`);
    this.addSql(
      `create index credit_lot_spendable on ledger.credit_lot (account_id) where remaining_millicredits > 0 and expired_at is null`,
    );
    this.addSql(
      `create index credit_lot_expiring on ledger.credit_lot (expires_at) where expired_at is null and expires_at is not null`,
    );
    this.addSql(`create table ledger.lot_notice (
      lot_id text not null references ledger.credit_lot (id),
      days_before int not null,
      sent_at timestamptz not null default now(),
      primary key (lot_id, days_before)
    )`);
    this.addSql(`create table ledger.list_allocation (
      account_id text not null references ledger.account (id),
      list_id text not null,
      remaining_millicredits bigint not null default 0,
      spent_millicredits bigint not null default 0,
      updated_at timestamptz not null default now(),
      primary key (account_id, list_id)
    )`);
    this.addSql(`create table ledger.journal_entry (
      id uuid primary key,
      seq bigserial not null,
      account_id text not null,
      kind text not null,
      amount_millicredits bigint not null,
      reference text null,
      list_id text null,
      campaign_id text null,
      details jsonb not null default '{}',
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create index journal_entry_account on ledger.journal_entry (account_id, seq)`);
    this.addSql(`create table ledger.journal_posting (
      entry_id uuid not null references ledger.journal_entry (id),
      account_id text not null,
      ledger_account text not null,
      amount_millicredits bigint not null
    )`);
    this.addSql(
      `create index journal_posting_account on ledger.journal_posting (account_id, ledger_account)`,
    );
    // Append-only: the journal can be added to, never rewritten.
    this.addSql(`create function ledger.journal_is_append_only() returns trigger language plpgsql as $$
      begin raise exception 'the ledger journal is append-only'; end $$`);
    this.addSql(`create trigger journal_entry_append_only before update or delete on ledger.journal_entry
      for each row execute function ledger.journal_is_append_only()`);
    this.addSql(`create trigger journal_posting_append_only before update or delete on ledger.journal_posting
      for each row execute function ledger.journal_is_append_only()`);
    this.addSql(`create table ledger.charge (
      message_id text primary key,
      account_id text not null,
      list_id text null,
      campaign_id text null,
      hold_id text null,
      to_number text not null,
      country char(2) null,
      segments int not null,
      rate_millicredits bigint not null,
      millicredits bigint not null,
      sent_at timestamptz not null,
      committed_at timestamptz not null default clock_timestamp()
    )`);
    this.addSql(`create index charge_account_sent on ledger.charge (account_id, sent_at)`);
    this.addSql(`create table ledger.rate_card (
      country char(2) primary key,
      millicredits_per_segment bigint not null check (millicredits_per_segment > 0)
    )`);
    // 'ZZ' is the default rate for any country without its own.
    this.addSql(`insert into ledger.rate_card (country, millicredits_per_segment) values ('ZZ', 1000)`);
    this.addSql(`create table ledger.monitor (
      id text primary key,
      account_id text not null,
      purpose text not null,
      level_millicredits bigint not null,
      armed boolean not null default true,
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create index monitor_account on ledger.monitor (account_id)`);
    this.addSql(`create table ledger.hold (
      id text primary key,
      account_id text not null references ledger.account (id),
      list_id text null,
      requested_millicredits bigint not null,
      granted_millicredits bigint not null,
      remaining_millicredits bigint not null,
      status text not null default 'open' check (status in ('open', 'released', 'expired')),
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      closed_at timestamptz null
    )`);
    this.addSql(`create index hold_open_expiry on ledger.hold (expires_at) where status = 'open'`);
  }
}
