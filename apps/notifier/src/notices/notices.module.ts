import { Module } from '@nestjs/common';
import { RemindersModule } from '../reminders/reminders.module';
import { BalanceEventsConsumer } from './balance-events.consumer';
import { BillingEventsConsumer } from './billing-events.consumer';
import { CreditEventsConsumer } from './credit-events.consumer';
import { NoticesCoreModule } from './notices-core.module';

// The Kafka consumers: one handler per topic that deserves an email.
@Module({
  imports: [NoticesCoreModule, RemindersModule],
  providers: [BalanceEventsConsumer, CreditEventsConsumer, BillingEventsConsumer],
})
export class NoticesModule {}
