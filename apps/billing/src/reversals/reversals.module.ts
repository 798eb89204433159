import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { OrdersModule } from '../orders/orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { OrderReversalRepository } from './order-reversal.repository';
import { OrderReversalsService } from './order-reversals.service';

@Module({
  imports: [OrdersModule, PaymentsModule, InvoicesModule],
  providers: [OrderReversalRepository, OrderReversalsService],
  exports: [OrderReversalsService],
})
export class ReversalsModule {}
