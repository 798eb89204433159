import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, type Clock, systemClock } from '../clock/clock';
import { NOTIFIER_CONFIG, type NotifierConfig } from './notifier.config';

// The validated config and the clock, available to every feature module of the notifier.
@Global()
@Module({})
export class NotifierConfigModule {
  static forRoot(config: NotifierConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: NotifierConfigModule,
      providers: [
        { provide: NOTIFIER_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [NOTIFIER_CONFIG, CLOCK],
    };
  }
}
