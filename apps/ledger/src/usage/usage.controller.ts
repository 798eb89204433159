import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { ExpensiveRoute } from '@sms/runtime';
import { PagedQueryDto, PeriodQueryDto } from '../journal/dto/journal-query.dto';
import { UsageByListQueryDto } from './dto/usage-by-list-query.dto';
import { UsageBucketResponse, UsagePageResponse, UsageSummaryResponse } from './dto/usage-response.dto';
import { UsageExportService } from './usage-export.service';
import { UsageService } from './usage.service';

@ApiTags('usage')
@ApiAuth()
@Controller('accounts/:accountId/usage')
export class UsageController {
  constructor(
    private readonly usage: UsageService,
    private readonly exports: UsageExportService,
  ) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Sent SMS and their charges, newest first, a page at a time (cursor)' })
  @ApiOkResponse({ type: UsagePageResponse })
  page(@Param('accountId') accountId: string, @Query() query: PagedQueryDto): Promise<UsagePageResponse> {
    return this.usage.page({ accountId, ...query });
  }

  @Get('summary')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiOperation({ summary: 'Messages, segments and millicredits charged in the period (or ever)' })
  @ApiOkResponse({ type: UsageSummaryResponse })
  summary(
    @Param('accountId') accountId: string,
    @Query() query: PeriodQueryDto,
  ): Promise<UsageSummaryResponse> {
    return this.usage.summary({ accountId, ...query });
  }

  @Get('by-list')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiOperation({ summary: 'Credits spent per list over time, by day, week or month' })
  @ApiOkResponse({ type: [UsageBucketResponse] })
  byList(
    @Param('accountId') accountId: string,
    @Query() query: UsageByListQueryDto,
  ): Promise<UsageBucketResponse[]> {
    const { bucket = 'day', ...filter } = query;
    return this.usage.perList({ accountId, ...filter, bucket });
  }

  @Get('export.csv')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiOperation({ summary: 'Sent-SMS usage as CSV, oldest first' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per message, credits as decimals', schema: { type: 'string' } })
  @ApiTooManyRequestsResponse({ description: 'Too many exports running; see Retry-After' })
  csv(
    @Param('accountId') accountId: string,
    @Query() query: PeriodQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    return this.exports.export({ filter: { accountId, ...query }, format: 'csv', target: res });
  }

  @Get('export.xlsx')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiOperation({ summary: 'Sent-SMS usage as an Excel workbook, oldest first' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'One row per message', schema: { type: 'string', format: 'binary' } })
  @ApiTooManyRequestsResponse({ description: 'Too many exports running; see Retry-After' })
  xlsx(
    @Param('accountId') accountId: string,
    @Query() query: PeriodQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    return this.exports.export({ filter: { accountId, ...query }, format: 'xlsx', target: res });
  }
}
