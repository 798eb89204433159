import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_PAGE_SIZE, decodeCursor, type Page, toPage } from '@sms/runtime';
import { UsageFilter, UsageRepository, UsageRow } from './usage.repository';

@Injectable()
export class UsageService {
  constructor(
    private readonly em: EntityManager,
    private readonly usage: UsageRepository,
  ) {}

  async page(query: UsageFilter & { cursor?: string; limit?: number }): Promise<Page<UsageRow>> {
    const { cursor, limit = DEFAULT_PAGE_SIZE, ...filter } = query;
    const after =
      cursor === undefined
        ? undefined
        : (([sentAt, messageId]) => ({ sentAt: sentAt as string, messageId: messageId as string }))(
            decodeCursor(cursor, ['string', 'string']),
          );
    const rows = await this.usage.page(this.em.fork(), { ...filter, after, limit: limit + 1 });
    return toPage(rows, limit, (row) => [new Date(row.sentAt).toISOString(), row.messageId]);
  }

  summary(filter: UsageFilter): Promise<{ messages: number; segments: number; millicredits: number }> {
    return this.usage.summary(this.em.fork(), filter);
  }

  perList(filter: UsageFilter & { bucket: 'day' | 'week' | 'month' }): Promise<unknown> {
    return this.usage.perList(this.em.fork(), filter);
  }
}
