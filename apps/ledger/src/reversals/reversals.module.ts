import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { JournalModule } from '../journal/journal.module';
import { LotsModule } from '../lots/lots.module';
import { MonitorsModule } from '../monitors/monitors.module';
import { RatesModule } from '../rates/rates.module';
import { CreditReversalsConsumer } from './credit-reversals.consumer';
import { ReversalsService } from './reversals.service';

@Module({
  imports: [AccountsModule, JournalModule, LotsModule, MonitorsModule, RatesModule],
  providers: [ReversalsService, CreditReversalsConsumer],
})
export class ReversalsModule {}
