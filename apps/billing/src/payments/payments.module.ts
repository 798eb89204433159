import { Module } from '@nestjs/common';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import { PaymentMethodsModule } from '../payment-methods/payment-methods.module';
import { PaymentRepository } from './payment.repository';
import { PAYMENT_PROVIDERS, PaymentProvider } from './payment-provider';
import { PaymentRequestedConsumer } from './payment-requested.consumer';
import { SimulatedPaymentProvider } from './simulated-payment.provider';
import { createStripeClient, STRIPE_CLIENT } from './stripe-client';
import { StripePaymentProvider } from './stripe-payment.provider';
import { StripeRawBodyParser } from './stripe-raw-body';
import { StripeWebhookController } from './stripe-webhook.controller';

@Module({
  imports: [PaymentMethodsModule],
  controllers: [StripeWebhookController],
  providers: [
    {
      provide: STRIPE_CLIENT,
      inject: [BILLING_CONFIG],
      useFactory: (c: BillingConfig) => createStripeClient(c),
    },
    SimulatedPaymentProvider,
    StripePaymentProvider,
    {
      provide: PAYMENT_PROVIDERS,
      inject: [SimulatedPaymentProvider, StripePaymentProvider],
      useFactory: (...providers: PaymentProvider[]) => providers,
    },
    StripeRawBodyParser,
    PaymentRepository,
    PaymentRequestedConsumer,
  ],
  exports: [PaymentRepository],
})
export class PaymentsModule {}
