import { Body, Controller, Put, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '@sms/auth';
import { PutInvoiceIssuerDto } from './billing-profile.dto';
import { BillingProfileResponse } from './billing-profile-response.dto';
import { BillingProfilesService } from './billing-profiles.service';

@ApiTags('billing profile')
@ApiAuth()
@Controller('accounts/:accountId/invoice-issuer')
export class InvoiceIssuerController {
  constructor(private readonly profiles: BillingProfilesService) {}

  @Put()
  @Roles('operator')
  @ApiOperation({ summary: "Choose the account's invoice issuer and number series (operators only)" })
  @ApiOkResponse({ type: BillingProfileResponse })
  put(
    @Param('accountId') accountId: string,
    @Body() dto: PutInvoiceIssuerDto,
  ): Promise<BillingProfileResponse> {
    return this.profiles.setIssuer(accountId, dto.issuer);
  }
}
