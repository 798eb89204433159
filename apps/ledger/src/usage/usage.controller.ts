import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { ExpensiveRoute, type Page } from '@sms/runtime';
import { PagedQueryDto, PeriodQueryDto } from '../journal/dto/journal-query.dto';
import { UsageExportService } from './usage-export.service';
import { UsageRow } from './usage.repository';
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
  page(@Param('accountId') accountId: string, @Query() query: PagedQueryDto): Promise<Page<UsageRow>> {
    return this.usage.page({ accountId, ...query });
  }

  @Get('summary')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiOperation({ summary: 'Messages, segments and millicredits sent in the period (or ever)' })
  summary(@Param('accountId') accountId: string, @Query() query: PeriodQueryDto): Promise<object> {
    return this.usage.summary({ accountId, ...query });
  }

  @Get('by-list')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiOperation({ summary: 'Credits spent per list over time' })
  @ApiQuery({ name: 'bucket', enum: ['day', 'week', 'month'], required: false })
  byList(
    @Param('accountId') accountId: string,
    @Query() query: PeriodQueryDto,
    @Query('bucket') bucket?: string,
  ): Promise<unknown> {
    return this.usage.perList({ accountId, ...query, bucket });
  }

  @Get('export.csv')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiOperation({ summary: 'Sent-SMS usage as CSV, oldest first' })
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
  @ApiTooManyRequestsResponse({ description: 'Too many exports running; see Retry-After' })
  xlsx(
    @Param('accountId') accountId: string,
    @Query() query: PeriodQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    return this.exports.export({ filter: { accountId, ...query }, format: 'xlsx', target: res });
  }
}
