import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { filters } from '../journal/journal.reader';

export interface UsageRow {
  messageId: string;
  sentAt: string;
  to: string;
  country: string | null;
  segments: number;
  chargedMillicredits: number;
  listId: string | null;
  campaignId: string | null;
  holdId: string | null;
}

export interface UsageBucketRow {
  period: Date;
  listId: string | null;
  messages: number;
  segments: number;
  chargedMillicredits: number;
}

export interface UsageFilter {
  accountId: string;
  from?: string;
  to?: string;
  listId?: string;
  campaignId?: string;
}

const COLUMNS = `message_id as "messageId", sent_at as "sentAt", to_number as "to", country, segments,
  millicredits::bigint as "chargedMillicredits", list_id as "listId", campaign_id as "campaignId", hold_id as "holdId"`;

@Injectable()
export class UsageRepository {
  // Newest first, keyset-paged on (sent_at, message_id): each page is an index seek however long the
  // history, and nothing counts the whole history. The key carries sent_at in whole microseconds, the
  // column's precision, so no row is skipped between pages. `after` is the previous page's last key.
  async page(
    em: EntityManager,
    query: UsageFilter & { after?: { sentAtMicros: number; messageId: string }; limit: number },
  ): Promise<(UsageRow & { sentAtMicros: string })[]> {
    const { where, params } = filters(query, 'sent_at');
    const after =
      query.after === undefined
        ? ''
        : ` and (sent_at, message_id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?)`;
    return em.execute<(UsageRow & { sentAtMicros: string })[]>(
      `select ${COLUMNS}, (extract(epoch from sent_at) * 1000000)::bigint::text as "sentAtMicros"
       from ledger.charge where ${where}${after}
       order by sent_at desc, message_id desc limit ?`,
      [
        ...params,
        ...(query.after === undefined ? [] : [query.after.sentAtMicros, query.after.messageId]),
        query.limit,
      ],
    );
  }

  // Totals for a period (or the whole history) when someone asks for them, not on every page.
  async summary(
    em: EntityManager,
    query: UsageFilter,
  ): Promise<{ messages: number; segments: number; chargedMillicredits: number }> {
    const { where, params } = filters(query, 'sent_at');
    const [row] = await em.execute<{ messages: number; segments: number; chargedMillicredits: number }[]>(
      `select count(*)::bigint as messages, coalesce(sum(segments), 0)::bigint as segments,
         coalesce(sum(millicredits), 0)::bigint as "chargedMillicredits"
       from ledger.charge where ${where}`,
      params,
    );
    return row;
  }

  // Rows come from a server-side cursor a batch at a time and only as fast as the caller consumes them,
  // so an export of a million rows holds one batch in memory, not the million. Stopping early (the
  // client went away) closes the cursor and returns the connection to the pool.
  async *stream(em: EntityManager, query: UsageFilter, limit: number): AsyncGenerator<UsageRow> {
    const { where, params } = filters(query, 'sent_at');
    const rows = em
      .getConnection()
      .getKnex()
      .raw(`select ${COLUMNS} from ledger.charge where ${where} order by sent_at, message_id limit ?`, [
        ...params,
        limit,
      ])
      .stream({ batchSize: 1000, highWaterMark: 1000 });
    try {
      for await (const row of rows) {
        yield row as UsageRow;
      }
    } finally {
      rows.destroy();
    }
  }

  // The export's query in PostgreSQL's native form, for the export worker's own connection and cursor
  // (usage-export.worker.ts): oldest first, at most `limit` rows.
  exportQuery(em: EntityManager, query: UsageFilter, limit: number): { sql: string; params: unknown[] } {
    const { where, params } = filters(query, 'sent_at');
    const native = em
      .getConnection()
      .getKnex()
      .raw(`select ${COLUMNS} from ledger.charge where ${where} order by sent_at, message_id limit ?`, [
        ...params,
        limit,
      ])
      .toSQL()
      .toNative();
    return { sql: native.sql, params: [...native.bindings] };
  }

  // Credits spent per list over time [002].
  async perList(
    em: EntityManager,
    query: UsageFilter & { bucket: 'day' | 'week' | 'month' },
  ): Promise<UsageBucketRow[]> {
    const { where, params } = filters(query, 'sent_at');
    return em.execute<UsageBucketRow[]>(
      `select date_trunc(?, sent_at) as period, list_id as "listId", count(*)::int as messages,
         sum(segments)::int as segments, sum(millicredits)::bigint as "chargedMillicredits"
       from ledger.charge where ${where} group by 1, 2 order by period, "listId" nulls first`,
      [query.bucket, ...params],
    );
  }
}
