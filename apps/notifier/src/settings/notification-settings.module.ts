import { Module } from '@nestjs/common';
import { AccountContactsConsumer } from './account-contacts.consumer';
import { AccountContactsRepository } from './account-contacts.repository';
import { NotificationSettingsController } from './notification-settings.controller';
import { NotificationSettingsRepository } from './notification-settings.repository';
import { NotificationSettingsService } from './notification-settings.service';

@Module({
  controllers: [NotificationSettingsController],
  providers: [
    NotificationSettingsRepository,
    NotificationSettingsService,
    AccountContactsRepository,
    AccountContactsConsumer,
  ],
  exports: [NotificationSettingsRepository, AccountContactsRepository],
})
export class NotificationSettingsModule {}
