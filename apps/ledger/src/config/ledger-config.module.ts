import { DynamicModule, Global, Module } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from './ledger.config';

// The validated config, read once at boot, available to every feature module.
@Global()
@Module({})
export class LedgerConfigModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: LedgerConfigModule,
      providers: [{ provide: LEDGER_CONFIG, useValue: config }],
      exports: [LEDGER_CONFIG],
    };
  }
}
