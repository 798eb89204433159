import { Migration } from '@mikro-orm/migrations';

// Bank transfers are reconciled by operators: each received transfer is a payment carrying the bank's
// transaction id (unique, so a statement imported twice counts once), and the order keeps the total
// received so far, so a short transfer leaves it waiting and a later one can complete it. The
// provider's reference also names a card payment's Stripe PaymentIntent, for refunds and disputes.
export class BankTransfersMigration extends Migration {
  override up(): void {
    this.addSql('alter table billing.payment add column provider_reference text null');
    this.addSql(
      'create unique index payment_provider_reference on billing.payment (provider, provider_reference) where provider_reference is not null',
    );
    this.addSql('alter table billing.purchase_order add column received_minor bigint not null default 0');
    this.addSql(
      'create unique index purchase_order_bank_reference on billing.purchase_order (bank_reference) where bank_reference is not null',
    );
  }
}
