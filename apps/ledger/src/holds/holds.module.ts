import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { JournalModule } from '../journal/journal.module';
import { ListsModule } from '../lists/lists.module';
import { MonitorsModule } from '../monitors/monitors.module';
import { RatesModule } from '../rates/rates.module';
import { HoldRepository } from './hold.repository';
import { HoldsController } from './holds.controller';
import { HoldsService } from './holds.service';

@Module({
  imports: [AccountsModule, JournalModule, ListsModule, MonitorsModule, RatesModule],
  controllers: [HoldsController],
  providers: [HoldsService, HoldRepository],
  // The sms.sent path settles messages against holds in its own batch statements.
  exports: [HoldsService, HoldRepository],
})
export class HoldsModule {}
