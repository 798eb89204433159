import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { IdentityEventsConsumer } from './identity-events.consumer';

@Module({
  imports: [DeliveryModule],
  providers: [IdentityEventsConsumer],
})
export class IdentityNoticesModule {}
