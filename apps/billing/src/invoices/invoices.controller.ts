import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { ExpensiveRoute, type Page, PageQueryDto } from '@sms/runtime';
import type { Invoice } from './invoice.repository';
import { InvoicesService } from './invoices.service';

@ApiTags('invoices')
@ApiAuth()
@Controller('accounts/:accountId/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Monthly invoices, newest first, a page at a time (cursor)' })
  list(@Param('accountId') accountId: string, @Query() query: PageQueryDto): Promise<Page<Invoice>> {
    return this.invoices.list({ accountId, ...query });
  }

  @Get(':invoiceId')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'One invoice with its lines' })
  get(@Param('accountId') accountId: string, @Param('invoiceId') id: string): Promise<Invoice> {
    return this.invoices.get(accountId, id);
  }

  @Get(':invoiceId/pdf')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Download the invoice as PDF' })
  async pdf(
    @Param('accountId') accountId: string,
    @Param('invoiceId') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { invoice, pdf } = await this.invoices.pdf(accountId, id);
    response.setHeader('Content-Disposition', `attachment; filename="${invoice.number}.pdf"`);
    return new StreamableFile(pdf, { type: 'application/pdf' });
  }
}
