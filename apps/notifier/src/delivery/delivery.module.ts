import { Module } from '@nestjs/common';
import { DeliveryLogController } from './delivery-log.controller';
import { DeliveryLogService } from './delivery-log.service';
import { DeliveryRepository } from './delivery.repository';
import { DeliverySender } from './delivery-sender';
import { MailTransport } from './mail-transport';

@Module({
  controllers: [DeliveryLogController],
  providers: [DeliveryRepository, DeliverySender, DeliveryLogService, MailTransport],
  exports: [DeliveryRepository, DeliverySender],
})
export class DeliveryModule {}
