import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { ExpensiveRoute, PageQueryDto } from '@sms/runtime';
import { InvoicePageResponse, InvoiceResponse } from './invoice-response.dto';
import { InvoicesService } from './invoices.service';

@ApiTags('invoices')
@ApiAuth()
@Controller('accounts/:accountId/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Monthly invoices, newest first, a page at a time (cursor)' })
  @ApiOkResponse({ type: InvoicePageResponse })
  async list(
    @Param('accountId') accountId: string,
    @Query() query: PageQueryDto,
  ): Promise<InvoicePageResponse> {
    const page = await this.invoices.list({ accountId, ...query });
    return { items: page.items.map((invoice) => InvoiceResponse.of(invoice)), nextCursor: page.nextCursor };
  }

  @Get(':invoiceId')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'One invoice with its lines' })
  @ApiOkResponse({ type: InvoiceResponse })
  async get(@Param('accountId') accountId: string, @Param('invoiceId') id: string): Promise<InvoiceResponse> {
    return InvoiceResponse.of(await this.invoices.get(accountId, id));
  }

  @Get(':invoiceId/pdf')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Download the invoice as PDF' })
  @ApiOkResponse({ description: 'The invoice as PDF', schema: { type: 'string', format: 'binary' } })
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
