import { Module } from '@nestjs/common';
import { PaymentMethodRepository } from './payment-method.repository';
import { PaymentMethodsController } from './payment-methods.controller';
import { PaymentMethodsService } from './payment-methods.service';

@Module({
  controllers: [PaymentMethodsController],
  providers: [PaymentMethodRepository, PaymentMethodsService],
  exports: [PaymentMethodRepository, PaymentMethodsService],
})
export class PaymentMethodsModule {}
