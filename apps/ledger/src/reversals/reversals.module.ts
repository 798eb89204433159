import { Module } from '@nestjs/common';
import { LedgerStoreModule } from '../shared/ledger-store.module';
import { CreditReversalsConsumer } from './credit-reversals.consumer';
import { ReversalsService } from './reversals.service';

@Module({
  imports: [LedgerStoreModule],
  providers: [ReversalsService, CreditReversalsConsumer],
})
export class ReversalsModule {}
