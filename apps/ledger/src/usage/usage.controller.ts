import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { PagedQueryDto, PeriodQueryDto } from '../journal/dto/journal-query.dto';
import { UsageRepository, UsageRow } from './usage.repository';

const EXPORT_LIMIT = 1_000_000;
const HEADER = [
  'messageId',
  'sentAt',
  'to',
  'country',
  'segments',
  'credits',
  'listId',
  'campaignId',
] as const;

@ApiTags('usage')
@ApiAuth()
@Controller('accounts/:accountId/usage')
export class UsageController {
  constructor(
    private readonly em: EntityManager,
    private readonly usage: UsageRepository,
  ) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Sent SMS and their charges, newest first' })
  page(@Param('accountId') accountId: string, @Query() query: PagedQueryDto): Promise<object> {
    return this.usage.page(this.em.fork(), {
      accountId,
      ...query,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
  }

  @Get('by-list')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Credits spent per list over time' })
  @ApiQuery({ name: 'bucket', enum: ['day', 'week', 'month'], required: false })
  byList(
    @Param('accountId') accountId: string,
    @Query() query: PeriodQueryDto,
    @Query('bucket') bucket?: string,
  ): Promise<unknown> {
    const size = bucket === 'week' || bucket === 'month' ? bucket : 'day';
    return this.usage.perList(this.em.fork(), { accountId, ...query, bucket: size });
  }

  @Get('export.csv')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Sent-SMS usage as CSV' })
  async csv(
    @Param('accountId') accountId: string,
    @Query() query: PeriodQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const rows = await this.usage.all(this.em.fork(), { accountId, ...query }, EXPORT_LIMIT);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="usage-${accountId}.csv"`);
    res.send([HEADER.join(','), ...rows.map((row) => cells(row).map(csvCell).join(','))].join('\n') + '\n');
  }

  @Get('export.xlsx')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Sent-SMS usage as an Excel workbook' })
  async xlsx(
    @Param('accountId') accountId: string,
    @Query() query: PeriodQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const rows = await this.usage.all(this.em.fork(), { accountId, ...query }, EXPORT_LIMIT);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('usage');
    sheet.addRow([...HEADER]);
    for (const row of rows) {
      sheet.addRow(cells(row));
    }
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="usage-${accountId}.xlsx"`);
    res.send(Buffer.from(await workbook.xlsx.writeBuffer()));
  }
}

// Credits as a decimal string built from the integer millicredits: exact, no floating point.
function credits(millicredits: number): string {
  const sign = millicredits < 0 ? '-' : '';
  const abs = Math.abs(millicredits);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 1000)}${fraction === '' ? '' : `.${fraction}`}`;
}

function cells(row: UsageRow): (string | number)[] {
  return [
    row.messageId,
    new Date(row.sentAt).toISOString(),
    row.to,
    row.country ?? '',
    row.segments,
    credits(row.millicredits),
    row.listId ?? '',
    row.campaignId ?? '',
  ];
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
