import { Migration } from '@mikro-orm/migrations';

// Goodwill grants and corrections made by operators over HTTP. The client's idempotency key is unique
// per account, so a retried request applies once; the stored request tells a retry from a different
// request that reuses the key.
export class OperatorAdjustmentsMigration extends Migration {
  override up(): void {
    this.addSql(`create table ledger.adjustment (
      id text primary key,
      account_id text not null references ledger.account (id),
      idempotency_key text not null,
      kind text not null check (kind in ('goodwill', 'correction')),
      amount_millicredits bigint not null check (amount_millicredits <> 0),
      reason text not null,
      actor text not null,
      expiry_date date null,
      expires_at timestamptz null,
      lot_id text null,
      balance_after_millicredits bigint not null,
      created_at timestamptz not null default now(),
      unique (account_id, idempotency_key)
    )`);
  }
}
