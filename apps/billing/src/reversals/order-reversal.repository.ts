import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readBigint } from '@sms/persistence';

export type ReversalKind = 'refund' | 'dispute_opened' | 'dispute_won' | 'dispute_lost';

export interface OrderReversal {
  id: string;
  orderId: string;
  accountId: string;
  kind: ReversalKind;
  sourceId: string;
  amountMinor: number;
  // Credits taken back (positive) or given back (negative).
  millicredits: number;
}

@Injectable()
export class OrderReversalRepository {
  // False when this dispute step was recorded before (Stripe may send it under another event id).
  async insert(em: EntityManager, reversal: OrderReversal): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `insert into billing.order_reversal (id, order_id, account_id, kind, source_id, amount_minor, millicredits)
       values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id`,
      [
        reversal.id,
        reversal.orderId,
        reversal.accountId,
        reversal.kind,
        reversal.sourceId,
        reversal.amountMinor,
        reversal.millicredits,
      ],
    );
    return rows.length > 0;
  }

  async forOrder(em: EntityManager, orderId: string): Promise<OrderReversal[]> {
    const rows = await em.execute<
      {
        id: string;
        order_id: string;
        account_id: string;
        kind: ReversalKind;
        source_id: string;
        amount_minor: string;
        millicredits: string;
      }[]
    >(
      `select id, order_id, account_id, kind, source_id, amount_minor, millicredits
       from billing.order_reversal where order_id = ? order by created_at, id`,
      [orderId],
    );
    return rows.map((row) => ({
      id: row.id,
      orderId: row.order_id,
      accountId: row.account_id,
      kind: row.kind,
      sourceId: row.source_id,
      amountMinor: readBigint(row.amount_minor),
      millicredits: readBigint(row.millicredits),
    }));
  }
}
