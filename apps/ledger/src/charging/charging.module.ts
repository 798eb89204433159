import { Module } from '@nestjs/common';
import { ChargingService } from './charging.service';
import { SmsSentConsumer } from './sms-sent.consumer';
import { LedgerStoreModule } from '../shared/ledger-store.module';

@Module({
  imports: [LedgerStoreModule],
  controllers: [],
  providers: [ChargingService, SmsSentConsumer],
  exports: [],
})
export class ChargingModule {}
