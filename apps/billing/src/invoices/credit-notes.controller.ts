import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { CreditNoteResponse } from './credit-note-response.dto';
import { CreditNotesService } from './credit-notes.service';

@ApiTags('invoices')
@ApiAuth()
@Controller('accounts/:accountId/credit-notes')
export class CreditNotesController {
  constructor(private readonly notes: CreditNotesService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Credit notes for refunds and lost card disputes, newest first' })
  @ApiOkResponse({ type: [CreditNoteResponse] })
  list(@Param('accountId') accountId: string): Promise<CreditNoteResponse[]> {
    return this.notes.list(accountId);
  }
}
