import { Migration } from '@mikro-orm/migrations';

// Money that went back to the customer: each refund or dispute step that took credits back (or gave
// them back) is one row, unique per Stripe object and step, so a repeated webhook changes nothing.
// Credit notes are numbered without gaps in their own series per issuer and year.
export class RefundsAndDisputesMigration extends Migration {
  override up(): void {
    this.addSql('alter table billing.purchase_order add column refunded_minor bigint not null default 0');
    this.addSql(`create table billing.order_reversal (
      id text primary key,
      order_id text not null references billing.purchase_order (id),
      account_id text not null,
      kind text not null check (kind in ('refund', 'dispute_opened', 'dispute_won', 'dispute_lost')),
      source_id text not null,
      amount_minor bigint not null,
      millicredits bigint not null,
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index order_reversal_order on billing.order_reversal (order_id)');
    this.addSql(
      "create unique index order_reversal_dispute_step on billing.order_reversal (source_id, kind) where kind <> 'refund'",
    );
    this.addSql(`create table billing.credit_note (
      id text primary key,
      account_id text not null,
      issuer text not null,
      number text not null,
      order_id text not null references billing.purchase_order (id),
      invoice_number text null,
      reason text not null,
      amount_minor bigint not null,
      currency char(3) not null,
      issued_at timestamptz not null,
      unique (issuer, number)
    )`);
    this.addSql('create index credit_note_account on billing.credit_note (account_id, issued_at desc)');
  }
}
