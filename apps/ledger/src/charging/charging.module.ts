import { Module } from '@nestjs/common';
import { ChargingService } from './charging.service';
import { SmsSentConsumer } from './sms-sent.consumer';
import { AccountsModule } from '../accounts/accounts.module';
import { HoldsModule } from '../holds/holds.module';
import { JournalModule } from '../journal/journal.module';
import { ListsModule } from '../lists/lists.module';
import { LotsModule } from '../lots/lots.module';
import { MonitorsModule } from '../monitors/monitors.module';
import { RatesModule } from '../rates/rates.module';
import { ChargeRepository } from './charge.repository';

@Module({
  imports: [AccountsModule, HoldsModule, JournalModule, ListsModule, LotsModule, MonitorsModule, RatesModule],
  controllers: [],
  providers: [ChargingService, SmsSentConsumer, ChargeRepository],
  exports: [],
})
export class ChargingModule {}
