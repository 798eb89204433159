import { DynamicModule, Module } from '@nestjs/common';
import { DeadLettersController, ServiceCoreModule } from '@sms/runtime';
import { AccountsModule } from './accounts/accounts.module';
import { AdjustmentsModule } from './adjustments/adjustments.module';
import { ChargingModule } from './charging/charging.module';
import { CreditLimitModule } from './credit-limit/credit-limit.module';
import { LedgerConfigModule } from './config/ledger-config.module';
import { LedgerConfig } from './config/ledger.config';
import { ExpiryModule } from './expiry/expiry.module';
import { GrantsModule } from './grants/grants.module';
import { HoldsModule } from './holds/holds.module';
import { JournalModule } from './journal/journal.module';
import { ledgerEntities } from './ledger.entities';
import { ListsModule } from './lists/lists.module';
import { ledgerMigrations } from './migrations';
import { MonitorsModule } from './monitors/monitors.module';
import { RatesModule } from './rates/rates.module';
import { ReversalsModule } from './reversals/reversals.module';
import { UsageModule } from './usage/usage.module';

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
        LedgerConfigModule.forRoot(config),
        AccountsModule,
        CreditLimitModule,
        ChargingModule,
        GrantsModule,
        ReversalsModule,
        MonitorsModule,
        HoldsModule,
        ExpiryModule,
        JournalModule,
        RatesModule,
        ListsModule,
        UsageModule,
        AdjustmentsModule,
      ],
      // Operators inspect and re-process this service's dead letters through it.
      controllers: [DeadLettersController],
    };
  }
}
