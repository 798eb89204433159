import { AutoTopUpRuleSchema } from './auto-top-up/auto-top-up-rule.entity';
import { OrderTimelineEntrySchema } from './orders/order-timeline-entry.entity';
import { PurchaseOrderSchema } from './orders/purchase-order.entity';

// Every MikroORM entity of the billing schema, registered with the ORM in one place. Tables that
// are only touched by set-based statements stay out of it and keep their SQL in their repository.
export const billingEntities = [PurchaseOrderSchema, OrderTimelineEntrySchema, AutoTopUpRuleSchema];
