import { Module } from '@nestjs/common';
import { JournalController } from './journal.controller';
import { JournalReader } from './journal.reader';
import { LedgerStoreModule } from '../shared/ledger-store.module';

@Module({
  imports: [LedgerStoreModule],
  controllers: [JournalController],
  providers: [JournalReader],
  exports: [],
})
export class JournalModule {}
