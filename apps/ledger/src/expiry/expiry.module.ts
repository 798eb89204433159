import { Module } from '@nestjs/common';
import { HoldsModule } from '../holds/holds.module';
import { ExpiryController } from './expiry.controller';
import { ExpiryService } from './expiry.service';
import { LedgerScheduler } from './ledger-scheduler';
import { LedgerStoreModule } from '../shared/ledger-store.module';

@Module({
  imports: [LedgerStoreModule, HoldsModule],
  controllers: [ExpiryController],
  providers: [ExpiryService, LedgerScheduler],
  exports: [],
})
export class ExpiryModule {}
