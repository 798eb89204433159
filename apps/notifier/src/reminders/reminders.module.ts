import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { NoticesCoreModule } from '../notices/notices-core.module';
import { NotificationSettingsModule } from '../settings/notification-settings.module';
import { DailyReminderJob } from './daily-reminder.job';
import { RemindersController } from './reminders.controller';

@Module({
  imports: [DeliveryModule, NotificationSettingsModule, NoticesCoreModule],
  controllers: [RemindersController],
  providers: [DailyReminderJob],
})
export class RemindersModule {}
