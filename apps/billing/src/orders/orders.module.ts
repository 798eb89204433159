import { Module } from '@nestjs/common';
import { PaymentMethodsModule } from '../payment-methods/payment-methods.module';
import { PaymentsModule } from '../payments/payments.module';
import { PricingModule } from '../pricing/pricing.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { OrderLifecycle } from './order-lifecycle';
import { OrderRepository } from './order.repository';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [PaymentsModule, PaymentMethodsModule, PricingModule, ProfilesModule],
  controllers: [OrdersController],
  providers: [OrderRepository, OrderLifecycle, OrdersService],
  exports: [OrderRepository, OrderLifecycle, OrdersService],
})
export class OrdersModule {}
