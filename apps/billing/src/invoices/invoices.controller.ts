import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import type { Invoice } from './invoice.repository';
import { InvoicesService } from './invoices.service';

@ApiTags('invoices')
@ApiAuth()
@Controller('accounts/:accountId/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Monthly invoices, newest first' })
  list(@Param('accountId') accountId: string): Promise<Invoice[]> {
    return this.invoices.list(accountId);
  }

  @Get(':invoiceId')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'One invoice with its lines' })
  get(@Param('accountId') accountId: string, @Param('invoiceId') id: string): Promise<Invoice> {
    return this.invoices.get(accountId, id);
  }

  @Get(':invoiceId/pdf')
  @Roles(...ACCOUNT_READERS)
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
