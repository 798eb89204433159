import { Module } from '@nestjs/common';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import { PaymentMethodRepository } from './payment-method.repository';
import { PaymentMethodsController } from './payment-methods.controller';
import { PaymentMethodsService } from './payment-methods.service';
import { createStripeClient, STRIPE_CLIENT } from './stripe-client';
import { StripeCardsService } from './stripe-cards.service';
import { StripeCustomerRepository } from './stripe-customer.repository';

@Module({
  controllers: [PaymentMethodsController],
  providers: [
    {
      provide: STRIPE_CLIENT,
      inject: [BILLING_CONFIG],
      useFactory: (c: BillingConfig) => createStripeClient(c),
    },
    PaymentMethodRepository,
    PaymentMethodsService,
    StripeCustomerRepository,
    StripeCardsService,
  ],
  exports: [STRIPE_CLIENT, PaymentMethodRepository, PaymentMethodsService, StripeCustomerRepository],
})
export class PaymentMethodsModule {}
