import { Module } from '@nestjs/common';
import { NotificationSettingsController } from './notification-settings.controller';
import { NotificationSettingsRepository } from './notification-settings.repository';
import { NotificationSettingsService } from './notification-settings.service';

@Module({
  controllers: [NotificationSettingsController],
  providers: [NotificationSettingsRepository, NotificationSettingsService],
  exports: [NotificationSettingsRepository],
})
export class NotificationSettingsModule {}
