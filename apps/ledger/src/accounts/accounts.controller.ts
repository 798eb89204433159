import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ACCOUNT_ADMINS,
  ACCOUNT_READERS,
  ApiAuth,
  assertAccountAccess,
  CurrentPrincipal,
  type Principal,
  Roles,
} from '@sms/auth';
import { AccountsService } from './accounts.service';
import { BalanceService } from './balance.service';
import {
  AccountResponse,
  AvailableBalanceResponse,
  BalanceBreakdownResponse,
} from './dto/account-response.dto';
import { AccountSettingsDto } from './dto/account-settings.dto';
import { CreateAccountDto } from './dto/create-account.dto';

@ApiTags('accounts')
@ApiAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly balances: BalanceService,
  ) {}

  @Post()
  @Roles(...ACCOUNT_ADMINS, 'operator')
  @ApiOperation({ summary: 'Create an account (otherwise its first grant creates it)' })
  @ApiCreatedResponse({ type: AccountResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateAccountDto): Promise<AccountResponse> {
    assertAccountAccess(principal, dto.id);
    const { id, overdraftMillicredits: _refused, ...settings } = dto;
    return this.accounts.create(id, settings);
  }

  @Get(':accountId')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Account settings and cached balances' })
  @ApiOkResponse({ type: AccountResponse })
  get(@Param('accountId') accountId: string): Promise<AccountResponse> {
    return this.accounts.get(accountId);
  }

  @Patch(':accountId')
  @Roles(...ACCOUNT_ADMINS, 'operator')
  @ApiOperation({
    summary: 'Change policy, time zone, home country, validity, extend flag, list mode',
  })
  @ApiOkResponse({ type: AccountResponse })
  update(@Param('accountId') accountId: string, @Body() dto: AccountSettingsDto): Promise<AccountResponse> {
    const { overdraftMillicredits: _refused, ...settings } = dto;
    return this.accounts.update(accountId, settings);
  }

  @Get(':accountId/balance')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({
    summary: 'Balance breakdown: total, held, available, lots, lists, expiring, estimated SMS left',
  })
  @ApiQuery({ name: 'country', required: false, example: 'DE' })
  @ApiOkResponse({ type: BalanceBreakdownResponse })
  balance(
    @Param('accountId') accountId: string,
    @Query('country') country?: string,
  ): Promise<BalanceBreakdownResponse> {
    return this.balances.breakdown(accountId, country?.toUpperCase());
  }

  // What a gateway needs before it sends, without the lots, lists and expiries of the breakdown.
  @Get(':accountId/balance/available')
  @Roles('gateway', ...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Available millicredits: balance minus what holds reserve' })
  @ApiOkResponse({ type: AvailableBalanceResponse })
  available(@Param('accountId') accountId: string): Promise<AvailableBalanceResponse> {
    return this.balances.available(accountId);
  }
}
