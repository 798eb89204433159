import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { PagedQueryDto } from './dto/journal-query.dto';
import { BalanceDifference, JournalReader } from './journal.reader';

@ApiTags('journal')
@ApiAuth()
@Controller()
export class JournalController {
  constructor(
    private readonly em: EntityManager,
    private readonly reader: JournalReader,
  ) {}

  @Get('accounts/:accountId/journal')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Journal entries with their postings, newest first' })
  page(@Param('accountId') accountId: string, @Query() query: PagedQueryDto): Promise<object> {
    return this.reader.page(this.em.fork(), {
      accountId,
      ...query,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
  }

  @Post('operator/journal/check')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Recompute every cached balance from the journal and report differences' })
  check(): Promise<{ accountsChecked: number; differences: BalanceDifference[] }> {
    return this.reader.check(this.em.fork());
  }
}
