import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { UnitOfWork } from '@sms/persistence';
import { DEFAULT_PAGE_SIZE, decodeCursor, type Page, toPage } from '@sms/runtime';
import { CreditLimitChange, CreditLimitRepository } from './credit-limit.repository';

export interface CreditLimitView {
  accountId: string;
  overdraftMillicredits: number;
}

@Injectable()
export class CreditLimitService {
  private readonly logger = new Logger(CreditLimitService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly unitOfWork: UnitOfWork,
    private readonly limits: CreditLimitRepository,
  ) {}

  async current(accountId: string): Promise<CreditLimitView> {
    const overdraft = await this.limits.current(this.em.fork(), accountId);
    if (overdraft === null) {
      throw new NotFoundException(`Account ${accountId} not found`);
    }
    return { accountId, overdraftMillicredits: overdraft };
  }

  async change(options: {
    accountId: string;
    overdraftMillicredits: number;
    reason: string;
    changedBy: string;
  }): Promise<CreditLimitChange> {
    const change = await this.unitOfWork.run((tx) => this.limits.change(tx, options));
    if (change === null) {
      throw new NotFoundException(`Account ${options.accountId} not found`);
    }
    this.logger.log({
      message: 'credit limit changed',
      accountId: options.accountId,
      oldOverdraftMillicredits: change.oldOverdraftMillicredits,
      newOverdraftMillicredits: change.newOverdraftMillicredits,
      changedBy: change.changedBy,
    });
    return change;
  }

  async changes(query: {
    accountId: string;
    cursor?: string;
    limit?: number;
  }): Promise<Page<CreditLimitChange>> {
    await this.current(query.accountId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before =
      query.cursor === undefined ? undefined : (decodeCursor(query.cursor, ['number'])[0] as number);
    const rows = await this.limits.changes(this.em.fork(), {
      accountId: query.accountId,
      before,
      limit: limit + 1,
    });
    return toPage(rows, limit, (row) => [Number(row.id)]);
  }
}
