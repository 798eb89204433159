import { Module } from '@nestjs/common';
import { CreditsGrantedConsumer } from './credits-granted.consumer';
import { GrantsService } from './grants.service';
import { LedgerStoreModule } from '../shared/ledger-store.module';

@Module({
  imports: [LedgerStoreModule],
  controllers: [],
  providers: [GrantsService, CreditsGrantedConsumer],
  exports: [],
})
export class GrantsModule {}
