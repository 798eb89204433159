import { DynamicModule, Module } from '@nestjs/common';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';

// What every billing feature module uses: its configuration.
@Module({})
export class SharedModule {
  static forRoot(config: BillingConfig): DynamicModule {
    return {
      module: SharedModule,
      global: true,
      providers: [{ provide: BILLING_CONFIG, useValue: config }],
      exports: [BILLING_CONFIG],
    };
  }
}
