import { DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, type Clock, systemClock } from '../clock/clock';
import { IDENTITY_CONFIG, type IdentityConfig } from './identity.config';

// The validated config and the clock, available to every feature module of identity.
@Global()
@Module({})
export class IdentityConfigModule {
  static forRoot(config: IdentityConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: IdentityConfigModule,
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [IDENTITY_CONFIG, CLOCK],
    };
  }
}
