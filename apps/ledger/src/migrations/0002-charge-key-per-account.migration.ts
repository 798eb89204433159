import { Migration } from '@mikro-orm/migrations';

// A gateway's message ids are unique only within the account that sends them: two accounts may use
// the same id, and each message must be charged. The charge's idempotency key is therefore
// (account, message id); the account comes first so the key also serves per-account lookups.
export class ChargeKeyPerAccountMigration extends Migration {
  override up(): void {
    this.addSql(`alter table ledger.charge drop constraint charge_pkey`);
    this.addSql(`alter table ledger.charge add constraint charge_pkey primary key (account_id, message_id)`);
  }
}
