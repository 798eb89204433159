import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import type { OrderStatusName } from '@sms/contracts';
import { ExactBigIntType } from '../shared/exact-bigint.type';
import { PurchaseOrder } from './purchase-order.entity';

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
  indexes: [{ name: 'order_timeline_order', properties: ['orderId', 'id'] }],
  properties: {
    id: { type: ExactBigIntType, primary: true, autoincrement: true },
    // The order's id, kept as a plain value: a timeline is read and appended to, never walked.
    orderId: {
      kind: 'm:1',
      entity: () => PurchaseOrder,
      mapToPk: true,
      fieldName: 'order_id',
      foreignKeyName: 'order_timeline_order_id_fkey',
      updateRule: 'no action',
      deleteRule: 'no action',
    },
    status: { type: 'text' },
    previousStatus: { type: 'text', nullable: true },
    reason: { type: 'text', nullable: true },
    actor: { type: 'text' },
    at: { type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
