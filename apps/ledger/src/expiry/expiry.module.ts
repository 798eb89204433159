import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { HoldsModule } from '../holds/holds.module';
import { JournalModule } from '../journal/journal.module';
import { ListsModule } from '../lists/lists.module';
import { LotsModule } from '../lots/lots.module';
import { MonitorsModule } from '../monitors/monitors.module';
import { RatesModule } from '../rates/rates.module';
import { ExpiryController } from './expiry.controller';
import { ExpiryService } from './expiry.service';
import { LedgerScheduler } from './ledger-scheduler';

@Module({
  imports: [AccountsModule, HoldsModule, JournalModule, ListsModule, LotsModule, MonitorsModule, RatesModule],
  controllers: [ExpiryController],
  providers: [ExpiryService, LedgerScheduler],
})
export class ExpiryModule {}
