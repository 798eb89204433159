import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { filters } from '../journal/journal.reader';

export interface UsageRow {
  messageId: string;
  sentAt: string;
  to: string;
  country: string | null;
  segments: number;
  millicredits: number;
  listId: string | null;
  campaignId: string | null;
  holdId: string | null;
}

export interface UsageFilter {
  accountId: string;
  from?: string;
  to?: string;
  listId?: string;
  campaignId?: string;
}

const COLUMNS = `message_id as "messageId", sent_at as "sentAt", to_number as "to", country, segments,
  millicredits::float8 as millicredits, list_id as "listId", campaign_id as "campaignId", hold_id as "holdId"`;

@Injectable()
export class UsageRepository {
  async page(em: EntityManager, query: UsageFilter & { limit: number; offset: number }) {
    const { where, params } = filters(query, 'sent_at');
    const [count] = await em.execute<{ total: number }[]>(
      `select count(*)::int as total from ledger.charge where ${where}`,
      params,
    );
    const items = await em.execute<UsageRow[]>(
      `select ${COLUMNS} from ledger.charge where ${where} order by sent_at desc, message_id limit ? offset ?`,
      [...params, query.limit, query.offset],
    );
    return { total: count.total, items };
  }

  async all(em: EntityManager, query: UsageFilter, limit: number): Promise<UsageRow[]> {
    const { where, params } = filters(query, 'sent_at');
    return em.execute<UsageRow[]>(
      `select ${COLUMNS} from ledger.charge where ${where} order by sent_at, message_id limit ?`,
      [...params, limit],
    );
  }

  // Credits spent per list over time [002].
  async perList(em: EntityManager, query: UsageFilter & { bucket: 'day' | 'week' | 'month' }) {
    const { where, params } = filters(query, 'sent_at');
    return em.execute(
      `select date_trunc(?, sent_at) as period, list_id as "listId", count(*)::int as messages,
         sum(segments)::int as segments, sum(millicredits)::float8 as millicredits
       from ledger.charge where ${where} group by 1, 2 order by period, "listId" nulls first`,
      [query.bucket, ...params],
    );
  }
}
