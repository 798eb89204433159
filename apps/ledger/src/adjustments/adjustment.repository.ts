import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AdjustmentView } from './dto/create-adjustment.dto';

const COLUMNS = `id, account_id as "accountId", kind, amount_millicredits::bigint as "amountMillicredits", reason, actor,
  to_char(expiry_date, 'YYYY-MM-DD') as "expiryDate", expires_at as "expiresAt", lot_id as "lotId",
  balance_after_millicredits::bigint as "balanceMillicredits", created_at as "createdAt"`;

@Injectable()
export class AdjustmentRepository {
  async findByKey(
    em: EntityManager,
    accountId: string,
    idempotencyKey: string,
  ): Promise<AdjustmentView | null> {
    const [row] = await em.execute<AdjustmentView[]>(
      `select ${COLUMNS} from ledger.adjustment where account_id = ? and idempotency_key = ?`,
      [accountId, idempotencyKey],
    );
    return row === undefined ? null : view(row);
  }

  async insert(
    em: EntityManager,
    adjustment: Omit<AdjustmentView, 'createdAt' | 'expiresAt'> & {
      idempotencyKey: string;
      expiresAt: Date | null;
    },
  ): Promise<AdjustmentView> {
    const [row] = await em.execute<AdjustmentView[]>(
      `insert into ledger.adjustment (id, account_id, idempotency_key, kind, amount_millicredits, reason, actor,
         expiry_date, expires_at, lot_id, balance_after_millicredits)
       values (?, ?, ?, ?, ?, ?, ?, ?::date, ?, ?, ?) returning ${COLUMNS}`,
      [
        adjustment.id,
        adjustment.accountId,
        adjustment.idempotencyKey,
        adjustment.kind,
        adjustment.amountMillicredits,
        adjustment.reason,
        adjustment.actor,
        adjustment.expiryDate,
        adjustment.expiresAt,
        adjustment.lotId,
        adjustment.balanceMillicredits,
      ],
    );
    return view(row);
  }
}

function view(row: AdjustmentView): AdjustmentView {
  return {
    ...row,
    expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
