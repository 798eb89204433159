import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '@sms/persistence';
import { executeBulk } from '../shared/bulk-sql';
import { planLevels } from './level-plan';
import { Monitor, type MonitorPurpose } from './monitor.entity';

const COLUMNS = `id, account_id as "accountId", purpose, level_millicredits::bigint as "levelMillicredits", armed`;

@Injectable()
export class MonitorRepository {
  // The accounts of a whole Kafka batch in one statement, as plain rows: the sms.sent path reads the
  // monitors of every account it charged and flips them set-based (setArmed), so it keeps no entities.
  async forAccounts(em: EntityManager, accountIds: readonly string[]): Promise<Monitor[]> {
    if (accountIds.length === 0) {
      return [];
    }
    return executeBulk<Monitor>(
      em,
      `select ${COLUMNS} from ledger.monitor
       where account_id = any(?::text[]) order by level_millicredits desc, id`,
      [pgArray(accountIds)],
    );
  }

  async setArmed(em: EntityManager, flags: readonly { id: string; armed: boolean }[]): Promise<void> {
    if (flags.length === 0) {
      return;
    }
    await executeBulk(
      em,
      `update ledger.monitor m set armed = r.armed
       from unnest(?::text[], ?::boolean[]) as r(id, armed) where m.id = r.id`,
      [pgArray(flags.map((f) => f.id)), pgArray(flags.map((f) => String(f.armed)))],
    );
  }

  // Replaces one owner's set of levels (see planLevels) and returns the whole set and the new levels
  // the balance is already below, which the caller announces as crossings.
  async replace(
    em: EntityManager,
    options: { accountId: string; purpose: MonitorPurpose; levels: readonly number[]; balance: number },
  ): Promise<{ monitors: Monitor[]; crossed: Monitor[] }> {
    const existing = await em.find(Monitor, { accountId: options.accountId, purpose: options.purpose });
    const plan = planLevels({ existing, levels: options.levels, balanceMillicredits: options.balance });
    const removeIds = new Set(plan.removeIds);
    existing.filter((monitor) => removeIds.has(monitor.id)).forEach((monitor) => em.remove(monitor));
    const added = plan.add.map((level) =>
      em.create(Monitor, {
        id: randomUUID(),
        accountId: options.accountId,
        purpose: options.purpose,
        levelMillicredits: level.levelMillicredits,
        armed: level.armed,
      }),
    );
    await em.flush();
    const monitors = [...existing.filter((m) => !removeIds.has(m.id)), ...added]
      .sort((a, b) => b.levelMillicredits - a.levelMillicredits || a.id.localeCompare(b.id))
      .map(detached);
    return { monitors, crossed: added.filter((m) => !m.armed).map(detached) };
  }
}

// The caller answers HTTP with these and keeps them past the transaction: plain values, not entities
// still attached to the transaction's identity map.
function detached(monitor: Monitor): Monitor {
  const { id, accountId, purpose, levelMillicredits, armed } = monitor;
  return { id, accountId, purpose, levelMillicredits, armed };
}
