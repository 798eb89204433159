import { Module } from '@nestjs/common';
import { PriceListsModule } from '../price-lists/price-lists.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { PricingController } from './pricing.controller';
import { PricingService } from './pricing.service';
import { RateCardConsumer } from './rate-card.consumer';
import { RateCardRepository } from './rate-card.repository';

@Module({
  imports: [PriceListsModule, ProfilesModule],
  controllers: [PricingController],
  providers: [RateCardRepository, RateCardConsumer, PricingService],
  exports: [PricingService],
})
export class PricingModule {}
