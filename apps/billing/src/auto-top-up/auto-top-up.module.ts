import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PaymentMethodsModule } from '../payment-methods/payment-methods.module';
import { PriceListsModule } from '../price-lists/price-lists.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { AutoTopUpController } from './auto-top-up.controller';
import { AutoTopUpRepository } from './auto-top-up.repository';
import { AutoTopUpService } from './auto-top-up.service';
import { BalanceLevelConsumer } from './balance-level.consumer';

@Module({
  imports: [OrdersModule, PaymentMethodsModule, PriceListsModule, ProfilesModule],
  controllers: [AutoTopUpController],
  providers: [AutoTopUpRepository, AutoTopUpService, BalanceLevelConsumer],
  exports: [AutoTopUpService],
})
export class AutoTopUpModule {}
