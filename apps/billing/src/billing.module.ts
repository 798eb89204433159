import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@sms/runtime';
import { BILLING_CONFIG, BillingConfig } from './config/billing.config';
import { billingEntities } from './billing.entities';
import { billingMigrations } from './migrations';

@Module({})
export class BillingModule {
  static forRoot(config: BillingConfig): DynamicModule {
    return {
      module: BillingModule,
      imports: [
        ServiceCoreModule.forRoot({
          service: 'billing',
          schema: 'billing',
          config,
          entities: billingEntities,
          migrations: billingMigrations,
        }),
      ],
      providers: [{ provide: BILLING_CONFIG, useValue: config }],
      exports: [BILLING_CONFIG],
    };
  }
}
