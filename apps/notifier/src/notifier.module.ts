import { DynamicModule, Module } from '@nestjs/common';
import { type Clock, DeadLettersController, ServiceCoreModule } from '@sms/runtime';
import { NotifierConfigModule } from './config/notifier-config.module';
import type { NotifierConfig } from './config/notifier.config';
import { DeliveryModule } from './delivery/delivery.module';
import { IdentityNoticesModule } from './identity-notices/identity-notices.module';
import { notifierMigrations } from './migrations';
import { NoticesModule } from './notices/notices.module';
import { notifierEntities } from './notifier.entities';
import { RemindersModule } from './reminders/reminders.module';
import { NotificationSettingsModule } from './settings/notification-settings.module';
import { TemplatePreviewsModule } from './template-previews/template-previews.module';

@Module({})
export class NotifierModule {
  // The clock is replaceable so tests control which day it is for the jobs.
  static forRoot(config: NotifierConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: NotifierModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'notifier',
          schema: 'notifier',
          config,
          entities: notifierEntities,
          migrations: notifierMigrations,
          clock: options.clock,
        }),
        NotifierConfigModule.forRoot(config),
        NotificationSettingsModule,
        DeliveryModule,
        NoticesModule,
        IdentityNoticesModule,
        RemindersModule,
        TemplatePreviewsModule,
      ],
      // Operators inspect and re-process this service's dead letters through it.
      controllers: [DeadLettersController],
    };
  }
}
