import { BadRequestException, Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, type Principal, Roles } from '@sms/auth';
import { STATEMENT_COLUMNS } from './bank-statement';
import { BankTransferResult, RecordBankTransferDto, StatementImportResult } from './bank-transfer.dto';
import { BankTransfersService } from './bank-transfers.service';

@ApiTags('bank transfers')
@ApiAuth()
@Controller()
export class BankTransfersController {
  constructor(private readonly transfers: BankTransfersService) {}

  @Post('accounts/:accountId/orders/:orderId/bank-transfers')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Record a bank transfer received for an order (operators)' })
  @ApiOkResponse({ type: BankTransferResult })
  record(
    @Param('accountId') accountId: string,
    @Param('orderId') orderId: string,
    @Body() dto: RecordBankTransferDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BankTransferResult> {
    return this.transfers.record({ principal, accountId, orderId, dto });
  }

  @Post('bank-statements')
  @HttpCode(200)
  @Roles('operator')
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: `${STATEMENT_COLUMNS.join(',')}\n2026-07-10,45.00,EUR,SMS-0A1B2C3D4E,TX-1`,
    },
  })
  @ApiOperation({
    summary: 'Import a bank statement (CSV): each incoming transfer is matched on its order reference',
  })
  @ApiOkResponse({ type: StatementImportResult })
  importStatement(
    @Body() csv: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StatementImportResult> {
    if (typeof csv !== 'string') {
      throw new BadRequestException('Send the statement as text/csv');
    }
    return this.transfers.importStatement(principal, csv);
  }
}
