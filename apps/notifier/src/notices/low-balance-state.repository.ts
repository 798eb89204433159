import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows, readBigint } from '@sms/persistence';

export interface LowBalanceChange {
  accountId: string;
  levelMillicredits: number;
  below: boolean;
  // occurredAt of the event: balance.low and balance.recovered arrive on different topics, so the
  // newer fact wins, whatever order they are consumed in.
  changedAt: string;
  balanceMillicredits: number;
  estimatedSmsLeft: number | null;
  // The local day the low-balance email itself covers (no reminder that day).
  noticeDate: string | null;
}

export interface BelowLevel {
  accountId: string;
  levelMillicredits: number;
  belowSince: Date;
  balanceMillicredits: number;
  estimatedSmsLeft: number | null;
  lastNoticeDate: string | null;
}

interface BelowRow {
  account_id: string;
  level_millicredits: string;
  changed_at: Date;
  balance_millicredits: string;
  estimated_sms_left: string | null;
  last_notice_date: string | null;
}

@Injectable()
export class LowBalanceStateRepository {
  async apply(em: EntityManager, changes: readonly LowBalanceChange[]): Promise<void> {
    const latest = new Map<string, LowBalanceChange>();
    for (const change of changes) {
      const key = `${change.accountId}\u0000${change.levelMillicredits}`;
      const current = latest.get(key);
      if (!current || Date.parse(change.changedAt) > Date.parse(current.changedAt)) {
        latest.set(key, change);
      }
    }
    if (latest.size === 0) {
      return;
    }
    await em.execute(
      `insert into notifier.low_balance_state
         (account_id, level_millicredits, below, changed_at, balance_millicredits, estimated_sms_left, last_notice_date)
       select r."accountId", r."levelMillicredits", r.below, r."changedAt", r."balanceMillicredits",
         r."estimatedSmsLeft", r."noticeDate"::date
       from jsonb_to_recordset(?::jsonb) as r("accountId" text, "levelMillicredits" bigint, below boolean,
         "changedAt" timestamptz, "balanceMillicredits" bigint, "estimatedSmsLeft" bigint, "noticeDate" text)
       on conflict (account_id, level_millicredits) do update set
         below = excluded.below,
         changed_at = excluded.changed_at,
         balance_millicredits = excluded.balance_millicredits,
         estimated_sms_left = excluded.estimated_sms_left,
         last_notice_date = coalesce(excluded.last_notice_date, low_balance_state.last_notice_date)
       where excluded.changed_at > low_balance_state.changed_at`,
      [jsonRows([...latest.values()])],
    );
  }

  // Levels still below that the account still watches, with daily reminders on, locked so that two
  // replicas running the job at once do not both remind.
  async lockBelowWithReminders(em: EntityManager): Promise<BelowLevel[]> {
    const rows = await em.execute<BelowRow[]>(
      `select st.account_id, st.level_millicredits::text as level_millicredits, st.changed_at,
         st.balance_millicredits::text as balance_millicredits,
         st.estimated_sms_left::text as estimated_sms_left, st.last_notice_date::text as last_notice_date
       from notifier.low_balance_state st
       join notifier.notification_settings s on s.account_id = st.account_id
       where st.below and s.daily_reminder
         and exists (
           select 1 from jsonb_array_elements_text(s.low_balance_levels_credits) as level(credits)
           where level.credits::bigint * 1000 = st.level_millicredits
         )
       order by st.account_id, st.level_millicredits
       for update of st skip locked`,
    );
    return rows.map((row) => ({
      accountId: row.account_id,
      levelMillicredits: readBigint(row.level_millicredits),
      belowSince: new Date(row.changed_at),
      balanceMillicredits: readBigint(row.balance_millicredits),
      estimatedSmsLeft: row.estimated_sms_left === null ? null : readBigint(row.estimated_sms_left),
      lastNoticeDate: row.last_notice_date,
    }));
  }

  async markReminded(
    em: EntityManager,
    reminded: readonly { accountId: string; levelMillicredits: number; localDate: string }[],
  ): Promise<void> {
    if (reminded.length === 0) {
      return;
    }
    await em.execute(
      `update notifier.low_balance_state st set last_notice_date = r."localDate"::date
       from jsonb_to_recordset(?::jsonb) as r("accountId" text, "levelMillicredits" bigint, "localDate" text)
       where st.account_id = r."accountId" and st.level_millicredits = r."levelMillicredits"`,
      [jsonRows(reminded)],
    );
  }
}
