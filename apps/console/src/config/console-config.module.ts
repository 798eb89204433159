import { DynamicModule, Global, Module } from '@nestjs/common';
import { CONSOLE_CONFIG, ConsoleConfig } from './console.config';

// The validated config, read once at boot, available to every feature module.
@Global()
@Module({})
export class ConsoleConfigModule {
  static forRoot(config: ConsoleConfig): DynamicModule {
    return {
      module: ConsoleConfigModule,
      providers: [{ provide: CONSOLE_CONFIG, useValue: config }],
      exports: [CONSOLE_CONFIG],
    };
  }
}
