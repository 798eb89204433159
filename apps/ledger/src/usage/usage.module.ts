import { Module } from '@nestjs/common';
import { UsageController } from './usage.controller';
import { UsageRepository } from './usage.repository';
import { LedgerStoreModule } from '../shared/ledger-store.module';

@Module({
  imports: [LedgerStoreModule],
  controllers: [UsageController],
  providers: [UsageRepository],
  exports: [],
})
export class UsageModule {}
