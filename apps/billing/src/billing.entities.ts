import { AutoTopUpRuleSchema } from './auto-top-up/auto-top-up-rule.entity';
import { CreditNoteRecordSchema } from './invoices/credit-note.entity';
import { InvoiceRecordSchema } from './invoices/invoice.entity';
import { OrderTimelineEntrySchema } from './orders/order-timeline-entry.entity';
import { PurchaseOrderSchema } from './orders/purchase-order.entity';
import { PaymentMethodRecordSchema } from './payment-methods/payment-method.entity';
import { StripeCustomerRecordSchema } from './payment-methods/stripe-customer.entity';
import { PaymentRecordSchema } from './payments/payment.entity';
import { BillingProfileRecordSchema } from './profiles/billing-profile.entity';
import { SubscriptionRecordSchema } from './subscriptions/subscription.entity';

// Every MikroORM entity of the billing schema, registered with the ORM in one place. Tables without
// one keep their SQL in their repository: the seeded price lists, the rate card (a conditional upsert
// that keeps the newest), the invoice counters (a locked allocation) and order reversals.
export const billingEntities = [
  BillingProfileRecordSchema,
  PaymentMethodRecordSchema,
  StripeCustomerRecordSchema,
  SubscriptionRecordSchema,
  PurchaseOrderSchema,
  OrderTimelineEntrySchema,
  PaymentRecordSchema,
  AutoTopUpRuleSchema,
  InvoiceRecordSchema,
  CreditNoteRecordSchema,
];
