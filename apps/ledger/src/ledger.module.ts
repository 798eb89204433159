import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sms/runtime';
import { LEDGER_CONFIG, LedgerConfig } from './config/ledger.config';
import { ledgerEntities } from './ledger.entities';
import { ledgerMigrations } from './migrations';

@Module({})
export class LedgerModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: LedgerModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'ledger',
          schema: 'ledger',
          config,
          entities: ledgerEntities,
          migrations: ledgerMigrations,
        }),
      ],
      providers: [{ provide: LEDGER_CONFIG, useValue: config }],
      exports: [LEDGER_CONFIG],
    };
  }
}
