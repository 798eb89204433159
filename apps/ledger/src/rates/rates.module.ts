import { Module } from '@nestjs/common';
import { RateCardController } from './rate-card.controller';
import { RateCardRepository } from './rate-card.repository';
import { RateCardService } from './rate-card.service';

@Module({
  controllers: [RateCardController],
  providers: [RateCardService, RateCardRepository],
  exports: [RateCardRepository],
})
export class RatesModule {}
