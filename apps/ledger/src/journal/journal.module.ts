import { Module } from '@nestjs/common';
import { JournalController } from './journal.controller';
import { JournalReader } from './journal.reader';
import { JournalWriter } from './journal.writer';

@Module({
  controllers: [JournalController],
  providers: [JournalReader, JournalWriter],
  exports: [JournalWriter],
})
export class JournalModule {}
