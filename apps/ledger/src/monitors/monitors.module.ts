import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { RatesModule } from '../rates/rates.module';
import { BalanceMonitorsConfiguredConsumer } from './balance-monitors-configured.consumer';
import { BalanceSignals } from './balance-signals.service';
import { MonitorRepository } from './monitor.repository';
import { MonitorsController } from './monitors.controller';
import { MonitorsService } from './monitors.service';

// Every balance change goes through BalanceSignals, so the features that change balances import
// this module for it.
@Module({
  imports: [AccountsModule, RatesModule],
  controllers: [MonitorsController],
  providers: [MonitorsService, BalanceMonitorsConfiguredConsumer, MonitorRepository, BalanceSignals],
  exports: [BalanceSignals],
})
export class MonitorsModule {}
