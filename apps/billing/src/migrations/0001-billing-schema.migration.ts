import { Migration } from '@mikro-orm/migrations';

// The billing schema. Money is in integer minor units and prices per 1,000 credits, so every amount
// is exact; credits are whole numbers (bigint).
export class BillingSchemaMigration extends Migration {
  override up(): void {
    this.addSql(`create table billing.billing_profile (
      account_id text primary key,
      legal_name text not null,
      email text not null,
      address text not null default '',
      vat_number text null,
      country char(2) not null,
      currency char(3) not null,
      time_zone text not null,
      issuer text null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);

    this.addSql(`create table billing.price_list (
      currency char(3) primary key,
      purchase_step bigint not null check (purchase_step > 0),
      min_credits bigint not null check (min_credits > 0),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table billing.price_tier (
      currency char(3) not null references billing.price_list (currency),
      min_credits bigint not null,
      price_per_1000_minor bigint not null check (price_per_1000_minor > 0),
      primary key (currency, min_credits)
    )`);
    this.addSql(`create table billing.price_pack (
      currency char(3) not null references billing.price_list (currency),
      code text not null,
      credits bigint not null check (credits > 0),
      price_minor bigint not null check (price_minor > 0),
      primary key (currency, code)
    )`);
    // Seeded lists; the volume discount applies to the whole order at the tier its size reaches.
    this.addSql(`insert into billing.price_list (currency, purchase_step, min_credits) values
      ('EUR', 10000, 10000), ('USD', 10000, 10000)`);
    this.addSql(`insert into billing.price_tier (currency, min_credits, price_per_1000_minor) values
      ('EUR', 10000, 450), ('EUR', 100000, 400), ('EUR', 500000, 350), ('EUR', 1000000, 300),
      ('USD', 10000, 500), ('USD', 100000, 450), ('USD', 500000, 400), ('USD', 1000000, 350)`);
    this.addSql(`insert into billing.price_pack (currency, code, credits, price_minor) values
      ('EUR', 'starter', 10000, 4000), ('EUR', 'business', 250000, 95000),
      ('USD', 'starter', 10000, 4500), ('USD', 'business', 250000, 107500)`);

    this.addSql(`create table billing.rate_card (
      id smallint primary key check (id = 1),
      default_millicredits_per_segment int not null,
      rates jsonb not null,
      source text not null,
      occurred_at timestamptz null,
      updated_at timestamptz not null default now()
    )`);

    this.addSql(`create table billing.payment_method (
      id text primary key,
      account_id text not null,
      provider text not null,
      brand text not null,
      last4 char(4) not null,
      exp_month smallint not null,
      exp_year smallint not null,
      token text not null,
      stripe_customer_id text null,
      status text not null default 'active',
      failed_at timestamptz null,
      failure_code text null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create index payment_method_account on billing.payment_method (account_id)`);

    this.addSql(`create table billing.subscription (
      id text primary key,
      account_id text not null,
      credits_per_period bigint not null,
      next_credits_per_period bigint null,
      payment_method_id text not null references billing.payment_method (id),
      status text not null,
      current_period_start timestamptz not null,
      next_renewal_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(
      `create index subscription_due on billing.subscription (next_renewal_at) where status = 'active'`,
    );

    this.addSql(`create table billing.purchase_order (
      id text primary key,
      account_id text not null,
      kind text not null,
      status text not null,
      credits bigint not null,
      amount_minor bigint not null,
      currency char(3) not null,
      tier_min_credits bigint null,
      pack_code text null,
      payment_kind text not null,
      payment_method_id text null references billing.payment_method (id),
      bank_reference text null,
      scheduled_for timestamptz null,
      requester_subject text not null,
      requester_name text not null,
      requester_email text null,
      approver_name text null,
      approver_email text null,
      subscription_id text null references billing.subscription (id),
      idempotency_key text null,
      request_hash text null,
      failure_reason text null,
      paid_at timestamptz null,
      credited_at timestamptz null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this
      .addSql(`create unique index purchase_order_idempotency on billing.purchase_order (account_id, idempotency_key)
      where idempotency_key is not null`);
    this.addSql(
      `create index purchase_order_account on billing.purchase_order (account_id, created_at desc)`,
    );
    this.addSql(
      `create index purchase_order_scheduled on billing.purchase_order (scheduled_for) where status = 'scheduled'`,
    );
    this.addSql(
      `create index purchase_order_paid on billing.purchase_order (account_id, paid_at) where paid_at is not null`,
    );

    this.addSql(`create table billing.order_timeline (
      id bigserial primary key,
      order_id text not null references billing.purchase_order (id),
      status text not null,
      previous_status text null,
      reason text null,
      actor text not null,
      at timestamptz not null default now()
    )`);
    this.addSql(`create index order_timeline_order on billing.order_timeline (order_id, id)`);

    this.addSql(`create table billing.payment (
      id text primary key,
      order_id text not null references billing.purchase_order (id),
      account_id text not null,
      provider text not null,
      payment_method_id text null,
      amount_minor bigint not null,
      currency char(3) not null,
      status text not null,
      failure_code text null,
      created_at timestamptz not null default now(),
      settled_at timestamptz null
    )`);
    this.addSql(`create index payment_order on billing.payment (order_id)`);

    // One row per account: "armed" means the next balance.low may charge; any other state means a
    // top-up for the current dip is in flight or was refused, so further balance.low are ignored.
    this.addSql(`create table billing.auto_top_up (
      account_id text primary key,
      enabled boolean not null,
      threshold_credits bigint not null,
      credits_to_add bigint not null,
      payment_method_id text not null references billing.payment_method (id),
      max_recharges_per_30_days int not null,
      state text not null default 'armed',
      armed_at timestamptz not null default now(),
      current_order_id text null,
      disabled_reason text null,
      updated_at timestamptz not null default now()
    )`);

    this.addSql(`create table billing.invoice_counter (
      issuer text not null,
      year int not null,
      last_number int not null,
      primary key (issuer, year)
    )`);
    this.addSql(`create table billing.invoice (
      id text primary key,
      account_id text not null,
      issuer text not null,
      number text not null,
      period_start date not null,
      period_end date not null,
      currency char(3) not null,
      total_minor bigint not null,
      lines jsonb not null,
      billed_to jsonb not null,
      issued_at timestamptz not null,
      unique (issuer, number),
      unique (account_id, period_start)
    )`);
  }
}
