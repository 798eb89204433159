import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { OrderStatusName } from '@sms/contracts';
import { ExactBigIntType } from '../shared/exact-bigint.type';

// One step of an order's timeline; append-only, read in insertion order.
export class OrderTimelineEntry {
  [OptionalProps]?: 'previousStatus' | 'reason';
  id!: number;
  orderId!: string;
  status!: OrderStatusName;
  previousStatus: OrderStatusName | null = null;
  reason: string | null = null;
  actor!: string;
  at!: Date;
}

export const OrderTimelineEntrySchema = new EntitySchema<OrderTimelineEntry>({
  class: OrderTimelineEntry,
  tableName: 'order_timeline',
  properties: {
    id: { type: ExactBigIntType, primary: true, autoincrement: true },
    orderId: { type: 'text' },
    status: { type: 'text' },
    previousStatus: { type: 'text', nullable: true },
    reason: { type: 'text', nullable: true },
    actor: { type: 'text' },
    at: { type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
