import { DynamicModule, Module } from '@nestjs/common';
import { DeadLettersController, ServiceCoreModule } from '@sms/runtime';
import { AutoTopUpModule } from './auto-top-up/auto-top-up.module';
import { BankTransfersModule } from './bank-transfers/bank-transfers.module';
import { BillingConfig } from './config/billing.config';
import { billingEntities } from './billing.entities';
import { InvoicesModule } from './invoices/invoices.module';
import { JobsModule } from './jobs/jobs.module';
import { billingMigrations } from './migrations';
import { OrdersModule } from './orders/orders.module';
import { PaymentMethodsModule } from './payment-methods/payment-methods.module';
import { PaymentsModule } from './payments/payments.module';
import { PricingModule } from './pricing/pricing.module';
import { ProfilesModule } from './profiles/profiles.module';
import { SettlementModule } from './settlement/settlement.module';
import { StripeWebhookModule } from './stripe-webhook/stripe-webhook.module';
import { SharedModule } from './shared/shared.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';

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
        SharedModule.forRoot(config),
        ProfilesModule,
        PricingModule,
        PaymentMethodsModule,
        PaymentsModule,
        OrdersModule,
        SettlementModule,
        BankTransfersModule,
        StripeWebhookModule,
        AutoTopUpModule,
        SubscriptionsModule,
        InvoicesModule,
        JobsModule,
      ],
      // Operators inspect and re-process this service's dead letters through it.
      controllers: [DeadLettersController],
    };
  }
}
