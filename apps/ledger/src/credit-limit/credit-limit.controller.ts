import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, CurrentPrincipal, type Principal, Roles } from '@sms/auth';
import { type Page, PageQueryDto } from '@sms/runtime';
import { CreditLimitChange } from './credit-limit.repository';
import { CreditLimitService, CreditLimitView } from './credit-limit.service';
import { ChangeCreditLimitDto } from './dto/change-credit-limit.dto';

@ApiTags('accounts')
@ApiAuth()
@Controller('accounts/:accountId/credit-limit')
export class CreditLimitController {
  constructor(private readonly limits: CreditLimitService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: "The account's overdraft (credit limit)" })
  current(@Param('accountId') accountId: string): Promise<CreditLimitView> {
    return this.limits.current(accountId);
  }

  @Put()
  @Roles('operator')
  @ApiOperation({ summary: 'Set the overdraft (operators), with the reason; the change is recorded' })
  change(
    @Param('accountId') accountId: string,
    @Body() dto: ChangeCreditLimitDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreditLimitChange> {
    return this.limits.change({ accountId, ...dto, changedBy: principal.subject });
  }

  @Get('changes')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Every change of the overdraft: who, when, old and new value, why; newest first' })
  changes(
    @Param('accountId') accountId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<CreditLimitChange>> {
    return this.limits.changes({ accountId, ...query });
  }
}
