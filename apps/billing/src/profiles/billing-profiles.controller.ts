import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { PutBillingProfileDto } from './billing-profile.dto';
import { BillingProfileResponse } from './billing-profile-response.dto';
import { BillingProfilesService } from './billing-profiles.service';

@ApiTags('billing profile')
@ApiAuth()
@Controller('accounts/:accountId/billing-profile')
export class BillingProfilesController {
  constructor(private readonly profiles: BillingProfilesService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Invoicing data, country, currency and time zone of the account' })
  @ApiOkResponse({ type: BillingProfileResponse })
  get(@Param('accountId') accountId: string): Promise<BillingProfileResponse> {
    return this.profiles.get(accountId);
  }

  @Put()
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({ summary: 'Create or replace the billing profile' })
  @ApiOkResponse({ type: BillingProfileResponse })
  put(
    @Param('accountId') accountId: string,
    @Body() dto: PutBillingProfileDto,
  ): Promise<BillingProfileResponse> {
    return this.profiles.put(accountId, dto);
  }
}
