import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_PAGE_SIZE, decodeCursor, type Page, toPage } from '@sms/runtime';
import type { UsageBucket } from './dto/usage-by-list-query.dto';
import type { UsageBucketResponse } from './dto/usage-response.dto';
import { UsageFilter, UsageRepository, UsageRow } from './usage.repository';

@Injectable()
export class UsageService {
  constructor(
    private readonly em: EntityManager,
    private readonly usage: UsageRepository,
  ) {}

  async page(query: UsageFilter & { cursor?: string; limit?: number }): Promise<Page<UsageRow>> {
    const { cursor, limit = DEFAULT_PAGE_SIZE, ...filter } = query;
    // Microseconds since 1970 stay below 2^53 until the year 2255, so the key is an exact JSON number.
    const key = cursor === undefined ? undefined : decodeCursor(cursor, ['number', 'string']);
    const rows = await this.usage.page(this.em.fork(), {
      ...filter,
      after: key === undefined ? undefined : { sentAtMicros: key[0] as number, messageId: key[1] as string },
      limit: limit + 1,
    });
    const page = toPage(rows, limit, (row) => [Number(row.sentAtMicros), row.messageId]);
    return { ...page, items: page.items.map(({ sentAtMicros: _key, ...row }) => row) };
  }

  summary(filter: UsageFilter): Promise<{ messages: number; segments: number; chargedMillicredits: number }> {
    return this.usage.summary(this.em.fork(), filter);
  }

  async perList(filter: UsageFilter & { bucket: UsageBucket }): Promise<UsageBucketResponse[]> {
    const rows = await this.usage.perList(this.em.fork(), filter);
    return rows.map((row) => ({ ...row, period: new Date(row.period).toISOString() }));
  }
}
