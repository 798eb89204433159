import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PaymentMethodsModule } from '../payment-methods/payment-methods.module';
import { PriceListsModule } from '../price-lists/price-lists.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { SubscriptionRepository } from './subscription.repository';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

@Module({
  imports: [OrdersModule, PaymentMethodsModule, PriceListsModule, ProfilesModule],
  controllers: [SubscriptionsController],
  providers: [SubscriptionRepository, SubscriptionsService],
  exports: [SubscriptionsService],
})
export class SubscriptionsModule {}
