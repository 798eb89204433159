import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, CurrentPrincipal, type Principal, Roles } from '@sms/auth';
import { PageQueryDto } from '@sms/runtime';
import { CreditLimitService } from './credit-limit.service';
import { ChangeCreditLimitDto } from './dto/change-credit-limit.dto';
import {
  CreditLimitChangePageResponse,
  CreditLimitChangeResponse,
  CreditLimitResponse,
} from './dto/credit-limit-response.dto';

@ApiTags('accounts')
@ApiAuth()
@Controller('accounts/:accountId/credit-limit')
export class CreditLimitController {
  constructor(private readonly limits: CreditLimitService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: "The account's overdraft (credit limit)" })
  @ApiOkResponse({ type: CreditLimitResponse })
  current(@Param('accountId') accountId: string): Promise<CreditLimitResponse> {
    return this.limits.current(accountId);
  }

  @Put()
  @Roles('operator')
  @ApiOperation({ summary: 'Set the overdraft (operators), with the reason; the change is recorded' })
  @ApiOkResponse({ type: CreditLimitChangeResponse })
  async change(
    @Param('accountId') accountId: string,
    @Body() dto: ChangeCreditLimitDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreditLimitChangeResponse> {
    return CreditLimitChangeResponse.of(
      await this.limits.change({ accountId, ...dto, changedBy: principal.subject }),
    );
  }

  @Get('changes')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Every change of the overdraft: who, when, old and new value, why; newest first' })
  @ApiOkResponse({ type: CreditLimitChangePageResponse })
  async changes(
    @Param('accountId') accountId: string,
    @Query() query: PageQueryDto,
  ): Promise<CreditLimitChangePageResponse> {
    const page = await this.limits.changes({ accountId, ...query });
    return {
      items: page.items.map((change) => CreditLimitChangeResponse.of(change)),
      nextCursor: page.nextCursor,
    };
  }
}
