import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sms/runtime';
import { NOTIFIER_CONFIG, NotifierConfig } from './config/notifier.config';
import { notifierEntities } from './notifier.entities';
import { notifierMigrations } from './migrations';

@Module({})
export class NotifierModule {
  static forRoot(config: NotifierConfig): DynamicModule {
    return {
      module: NotifierModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'notifier',
          schema: 'notifier',
          config,
          entities: notifierEntities,
          migrations: notifierMigrations,
        }),
      ],
      providers: [{ provide: NOTIFIER_CONFIG, useValue: config }],
      exports: [NOTIFIER_CONFIG],
    };
  }
}
