import { Module } from '@nestjs/common';
import { PriceListsModule } from '../price-lists/price-lists.module';
import { BillingProfileRepository } from './billing-profile.repository';
import { BillingProfilesController } from './billing-profiles.controller';
import { BillingProfilesService } from './billing-profiles.service';
import { InvoiceIssuerController } from './invoice-issuer.controller';

@Module({
  controllers: [BillingProfilesController, InvoiceIssuerController],
  // Profiles only check that the chosen currency has a price list.
  imports: [PriceListsModule],
  providers: [BillingProfileRepository, BillingProfilesService],
  exports: [BillingProfileRepository, BillingProfilesService],
})
export class ProfilesModule {}
