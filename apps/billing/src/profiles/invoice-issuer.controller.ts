import { Body, Controller, Put, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '@sms/auth';
import { PutInvoiceIssuerDto } from './billing-profile.dto';
import type { BillingProfile } from './billing-profile.repository';
import { BillingProfilesService } from './billing-profiles.service';

@ApiTags('billing profile')
@ApiAuth()
@Controller('accounts/:accountId/invoice-issuer')
export class InvoiceIssuerController {
  constructor(private readonly profiles: BillingProfilesService) {}

  @Put()
  @Roles('operator')
  @ApiOperation({ summary: "Choose the account's invoice issuer and number series (operators only)" })
  put(@Param('accountId') accountId: string, @Body() dto: PutInvoiceIssuerDto): Promise<BillingProfile> {
    return this.profiles.setIssuer(accountId, dto.issuer);
  }
}
