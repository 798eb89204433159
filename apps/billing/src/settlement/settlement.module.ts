import { Module } from '@nestjs/common';
import { AutoTopUpModule } from '../auto-top-up/auto-top-up.module';
import { OrdersModule } from '../orders/orders.module';
import { PaymentMethodsModule } from '../payment-methods/payment-methods.module';
import { PaymentsModule } from '../payments/payments.module';
import { PaymentOutcomeConsumer } from './payment-outcome.consumer';
import { SettlementMetrics } from './settlement.metrics';
import { SettlementService } from './settlement.service';

@Module({
  imports: [OrdersModule, AutoTopUpModule, PaymentsModule, PaymentMethodsModule],
  providers: [SettlementService, SettlementMetrics, PaymentOutcomeConsumer],
  exports: [SettlementService],
})
export class SettlementModule {}
