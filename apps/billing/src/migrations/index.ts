import type { MigrationObject } from '@mikro-orm/core';
import { BillingSchemaMigration } from './0001-billing-schema.migration';
import { StripeCustomerMigration } from './0002-stripe-customer.migration';
import { BankTransfersMigration } from './0003-bank-transfers.migration';
import { RefundsAndDisputesMigration } from './0004-refunds-and-disputes.migration';

// The billing schema's migrations, in order. They run when the app starts (and in tests).
export const billingMigrations: MigrationObject[] = [
  { name: '0001-billing-schema', class: BillingSchemaMigration },
  { name: '0002-stripe-customer', class: StripeCustomerMigration },
  { name: '0003-bank-transfers', class: BankTransfersMigration },
  { name: '0004-refunds-and-disputes', class: RefundsAndDisputesMigration },
];
