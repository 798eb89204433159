import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module';
import { PriceListRepository } from './price-list.repository';
import { PricingController } from './pricing.controller';
import { PricingService } from './pricing.service';
import { RateCardConsumer } from './rate-card.consumer';
import { RateCardRepository } from './rate-card.repository';

@Module({
  imports: [ProfilesModule],
  controllers: [PricingController],
  providers: [PriceListRepository, RateCardRepository, RateCardConsumer, PricingService],
  exports: [PriceListRepository, PricingService],
})
export class PricingModule {}
