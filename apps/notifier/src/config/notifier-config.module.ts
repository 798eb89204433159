import { DynamicModule, Global, Module } from '@nestjs/common';
import { NOTIFIER_CONFIG, type NotifierConfig } from './notifier.config';

// The validated config, available to every feature module of the notifier.
@Global()
@Module({})
export class NotifierConfigModule {
  static forRoot(config: NotifierConfig): DynamicModule {
    return {
      module: NotifierConfigModule,
      providers: [{ provide: NOTIFIER_CONFIG, useValue: config }],
      exports: [NOTIFIER_CONFIG],
    };
  }
}
