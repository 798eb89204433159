import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import type { CreditNote } from './credit-note.repository';
import { CreditNotesService } from './credit-notes.service';

@ApiTags('invoices')
@ApiAuth()
@Controller('accounts/:accountId/credit-notes')
export class CreditNotesController {
  constructor(private readonly notes: CreditNotesService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Credit notes for refunds and lost card disputes, newest first' })
  list(@Param('accountId') accountId: string): Promise<CreditNote[]> {
    return this.notes.list(accountId);
  }
}
