import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { NotificationSettingsModule } from '../settings/notification-settings.module';
import { LowBalanceStateRepository } from './low-balance-state.repository';
import { NoticeComposer } from './notice-composer';
import { NoticeIntake } from './notice-intake.service';

@Module({
  imports: [DeliveryModule, NotificationSettingsModule],
  providers: [NoticeComposer, NoticeIntake, LowBalanceStateRepository],
  exports: [NoticeComposer, NoticeIntake, LowBalanceStateRepository],
})
export class NoticesCoreModule {}
