import { Module } from '@nestjs/common';
import { BalanceMonitorsConfiguredConsumer } from './balance-monitors-configured.consumer';
import { MonitorsController } from './monitors.controller';
import { MonitorsService } from './monitors.service';
import { LedgerStoreModule } from '../shared/ledger-store.module';

@Module({
  imports: [LedgerStoreModule],
  controllers: [MonitorsController],
  providers: [MonitorsService, BalanceMonitorsConfiguredConsumer],
  exports: [],
})
export class MonitorsModule {}
