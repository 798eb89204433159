import { Module } from '@nestjs/common';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import { PaymentMethodsModule } from '../payment-methods/payment-methods.module';
import { PaymentRepository } from './payment.repository';
import { PAYMENT_PROVIDERS, PaymentProvider } from './payment-provider';
import { PaymentRequestedConsumer } from './payment-requested.consumer';
import { SimulatedPaymentProvider } from './simulated-payment.provider';
import { StripePaymentProvider } from './stripe-payment.provider';

@Module({
  imports: [PaymentMethodsModule],
  providers: [
    SimulatedPaymentProvider,
    StripePaymentProvider,
    {
      provide: PAYMENT_PROVIDERS,
      inject: [BILLING_CONFIG, SimulatedPaymentProvider, StripePaymentProvider],
      // Without the simulator enabled, a simulated card saved earlier has no adapter: its charge fails.
      useFactory: (c: BillingConfig, simulated: PaymentProvider, stripe: PaymentProvider) =>
        c.PAYMENT_SIMULATOR_ENABLED ? [simulated, stripe] : [stripe],
    },
    PaymentRepository,
    PaymentRequestedConsumer,
  ],
  exports: [PaymentRepository],
})
export class PaymentsModule {}
