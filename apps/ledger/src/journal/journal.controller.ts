import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { ExpensiveRoute } from '@sms/runtime';
import { PagedQueryDto } from './dto/journal-query.dto';
import { JournalCheckResponse, JournalPageResponse } from './dto/journal-response.dto';
import { JournalReader } from './journal.reader';

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
  @ApiOperation({ summary: 'Journal entries with their postings, newest first, a page at a time (cursor)' })
  @ApiOkResponse({ type: JournalPageResponse })
  page(@Param('accountId') accountId: string, @Query() query: PagedQueryDto): Promise<JournalPageResponse> {
    return this.reader.page(this.em.fork(), { accountId, ...query });
  }

  @Post('operator/journal/check')
  @ExpensiveRoute()
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Recompute every cached balance from the journal and report differences' })
  @ApiOkResponse({ type: JournalCheckResponse })
  check(): Promise<JournalCheckResponse> {
    return this.reader.check(this.em.fork());
  }
}
