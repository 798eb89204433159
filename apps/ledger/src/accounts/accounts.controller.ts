import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ACCOUNT_ADMINS,
  ACCOUNT_READERS,
  ApiAuth,
  assertAccountAccess,
  CurrentPrincipal,
  type Principal,
  Roles,
} from '@sms/auth';
import { Account } from './account';
import { AccountsService } from './accounts.service';
import { type AvailableBalance, BalanceService } from './balance.service';
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
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateAccountDto): Promise<Account> {
    assertAccountAccess(principal, dto.id);
    const { id, ...settings } = dto;
    return this.accounts.create(id, settings);
  }

  @Get(':accountId')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Account settings and cached balances' })
  get(@Param('accountId') accountId: string): Promise<Account> {
    return this.accounts.get(accountId);
  }

  @Patch(':accountId')
  @Roles(...ACCOUNT_ADMINS, 'operator')
  @ApiOperation({
    summary: 'Change policy, time zone, home country, validity, extend flag, overdraft, list mode',
  })
  update(@Param('accountId') accountId: string, @Body() dto: AccountSettingsDto): Promise<Account> {
    return this.accounts.update(accountId, dto);
  }

  @Get(':accountId/balance')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({
    summary: 'Balance breakdown: total, held, available, lots, lists, expiring, estimated SMS left',
  })
  @ApiQuery({ name: 'country', required: false, example: 'DE' })
  balance(@Param('accountId') accountId: string, @Query('country') country?: string): Promise<object> {
    return this.balances.breakdown(accountId, country?.toUpperCase());
  }

  // What a gateway needs before it sends, without the lots, lists and expiries of the breakdown.
  @Get(':accountId/balance/available')
  @Roles('gateway', ...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Available millicredits: balance minus what holds reserve' })
  available(@Param('accountId') accountId: string): Promise<AvailableBalance> {
    return this.balances.available(accountId);
  }
}
