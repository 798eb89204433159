import { Module } from '@nestjs/common';
import { RateCardController } from './rate-card.controller';
import { RateCardService } from './rate-card.service';
import { LedgerStoreModule } from '../shared/ledger-store.module';

@Module({
  imports: [LedgerStoreModule],
  controllers: [RateCardController],
  providers: [RateCardService],
  exports: [],
})
export class RatesModule {}
