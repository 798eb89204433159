import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows } from '@sms/persistence';
import { planLevels } from './level-plan';

export type MonitorPurpose = 'low_balance_notice' | 'auto_topup';

export interface Monitor {
  id: string;
  accountId: string;
  purpose: MonitorPurpose;
  levelMillicredits: number;
  armed: boolean;
}

const COLUMNS = `id, account_id as "accountId", purpose, level_millicredits::bigint as "levelMillicredits", armed`;

@Injectable()
export class MonitorRepository {
  async forAccounts(em: EntityManager, accountIds: readonly string[]): Promise<Monitor[]> {
    if (accountIds.length === 0) {
      return [];
    }
    return em.execute<Monitor[]>(
      `select ${COLUMNS} from ledger.monitor
       where account_id in (select jsonb_array_elements_text(?::jsonb)) order by level_millicredits desc, id`,
      [JSON.stringify(accountIds)],
    );
  }

  async setArmed(em: EntityManager, flags: readonly { id: string; armed: boolean }[]): Promise<void> {
    if (flags.length === 0) {
      return;
    }
    await em.execute(
      `update ledger.monitor m set armed = r.armed
       from jsonb_to_recordset(?::jsonb) as r(id text, armed boolean) where m.id = r.id`,
      [jsonRows(flags)],
    );
  }

  // Replaces one owner's set of levels (see planLevels) and returns the whole set and the new levels
  // the balance is already below, which the caller announces as crossings.
  async replace(
    em: EntityManager,
    options: { accountId: string; purpose: MonitorPurpose; levels: readonly number[]; balance: number },
  ): Promise<{ monitors: Monitor[]; crossed: Monitor[] }> {
    const existing = await em.execute<Monitor[]>(
      `select ${COLUMNS} from ledger.monitor where account_id = ? and purpose = ?`,
      [options.accountId, options.purpose],
    );
    const plan = planLevels({ existing, levels: options.levels, balanceMillicredits: options.balance });
    if (plan.removeIds.length > 0) {
      await em.execute(
        `delete from ledger.monitor where id in (select jsonb_array_elements_text(?::jsonb))`,
        [JSON.stringify(plan.removeIds)],
      );
    }
    const rows = plan.add.map((level) => ({
      id: randomUUID(),
      accountId: options.accountId,
      purpose: options.purpose,
      level: level.levelMillicredits,
      armed: level.armed,
    }));
    const added =
      rows.length === 0
        ? []
        : await em.execute<Monitor[]>(
            `insert into ledger.monitor (id, account_id, purpose, level_millicredits, armed)
             select r.id, r."accountId", r.purpose, r.level, r.armed
             from jsonb_to_recordset(?::jsonb) as r(id text, "accountId" text, purpose text, level bigint, armed boolean)
             returning ${COLUMNS}`,
            [jsonRows(rows)],
          );
    const removed = new Set(plan.removeIds);
    const monitors = [...existing.filter((m) => !removed.has(m.id)), ...added].sort(
      (a, b) => b.levelMillicredits - a.levelMillicredits || a.id.localeCompare(b.id),
    );
    return { monitors, crossed: added.filter((m) => !m.armed) };
  }
}
