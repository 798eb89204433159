import { Migration } from '@mikro-orm/migrations';

// Billing creates and owns each account's Stripe customer; cards are only accepted when Stripe says
// they are attached to it.
export class StripeCustomerMigration extends Migration {
  override up(): void {
    this.addSql(`create table billing.stripe_customer (
      account_id text primary key,
      customer_id text not null unique,
      created_at timestamptz not null default now()
    )`);
  }
}
