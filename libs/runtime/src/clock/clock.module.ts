import { DynamicModule, Module } from '@nestjs/common';
import { CLOCK, type Clock, systemClock } from './clock';

// Global, so every feature module injects @Inject(CLOCK) without importing anything.
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return {
      module: ClockModule,
      global: true,
      providers: [{ provide: CLOCK, useValue: clock }],
      exports: [CLOCK],
    };
  }
}
