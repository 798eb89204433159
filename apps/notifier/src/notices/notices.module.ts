import { Module } from '@nestjs/common';
import { BalanceEventsConsumer } from './balance-events.consumer';
import { BillingEventsConsumer } from './billing-events.consumer';
import { CreditEventsConsumer } from './credit-events.consumer';
import { NoticesCoreModule } from './notices-core.module';

// The Kafka consumers: one handler per topic that deserves an email.
@Module({
  imports: [NoticesCoreModule],
  providers: [BalanceEventsConsumer, CreditEventsConsumer, BillingEventsConsumer],
})
export class NoticesModule {}
