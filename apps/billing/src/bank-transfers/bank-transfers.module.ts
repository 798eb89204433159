import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { SettlementModule } from '../settlement/settlement.module';
import { BankStatementBodyParser } from './bank-statement-body';
import { BankTransfersController } from './bank-transfers.controller';
import { BankTransfersService } from './bank-transfers.service';

@Module({
  imports: [OrdersModule, PaymentsModule, SettlementModule],
  controllers: [BankTransfersController],
  providers: [BankStatementBodyParser, BankTransfersService],
})
export class BankTransfersModule {}
