import { Injectable } from '@nestjs/common';
import { SmsSent, type SmsSentEvent } from '@sms/contracts';
import { BatchHandler, BatchOutcome, InboundEvent } from '@sms/messaging';
import { ChargingService } from './charging.service';

@Injectable()
export class SmsSentConsumer {
  constructor(private readonly charging: ChargingService) {}

  @BatchHandler(SmsSent, { maxBatchSize: 5000 })
  async handle(events: InboundEvent<SmsSentEvent>[]): Promise<BatchOutcome> {
    return this.charging.chargeBatch(events);
  }
}
