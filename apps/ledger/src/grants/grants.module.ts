import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { JournalModule } from '../journal/journal.module';
import { LotsModule } from '../lots/lots.module';
import { MonitorsModule } from '../monitors/monitors.module';
import { RatesModule } from '../rates/rates.module';
import { CreditsGrantedConsumer } from './credits-granted.consumer';
import { GrantsService } from './grants.service';

@Module({
  imports: [AccountsModule, JournalModule, LotsModule, MonitorsModule, RatesModule],
  providers: [GrantsService, CreditsGrantedConsumer],
})
export class GrantsModule {}
