import { Module } from '@nestjs/common';
import { PriceListRepository } from '../pricing/price-list.repository';
import { BillingProfileRepository } from './billing-profile.repository';
import { BillingProfilesController } from './billing-profiles.controller';
import { BillingProfilesService } from './billing-profiles.service';
import { InvoiceIssuerController } from './invoice-issuer.controller';

@Module({
  controllers: [BillingProfilesController, InvoiceIssuerController],
  // PriceListRepository is stateless; profiles only check that the currency has a price list.
  providers: [BillingProfileRepository, BillingProfilesService, PriceListRepository],
  exports: [BillingProfileRepository, BillingProfilesService],
})
export class ProfilesModule {}
