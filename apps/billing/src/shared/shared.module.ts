import { DynamicModule, Module } from '@nestjs/common';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import { Transactions } from './transactions';

// What every billing feature module uses: its configuration and the transaction runner.
@Module({})
export class SharedModule {
  static forRoot(config: BillingConfig): DynamicModule {
    return {
      module: SharedModule,
      global: true,
      providers: [{ provide: BILLING_CONFIG, useValue: config }, Transactions],
      exports: [BILLING_CONFIG, Transactions],
    };
  }
}
