import { Migration } from '@mikro-orm/migrations';

// Every change of an account's overdraft (its credit limit) with who made it, when and why: a credit
// line is money lent, so it is changed by operators only and never without a trace.
export class CreditLimitChangesMigration extends Migration {
  override up(): void {
    this.addSql(`create table ledger.credit_limit_change (
      id bigserial primary key,
      account_id text not null references ledger.account (id),
      old_overdraft_millicredits bigint not null,
      new_overdraft_millicredits bigint not null check (new_overdraft_millicredits >= 0),
      reason text not null check (length(reason) > 0),
      changed_by text not null,
      changed_at timestamptz not null default now()
    )`);
    this.addSql(
      `create index credit_limit_change_account on ledger.credit_limit_change (account_id, id desc)`,
    );
  }
}
