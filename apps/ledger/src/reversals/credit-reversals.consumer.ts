import { Injectable } from '@nestjs/common';
import {
  CreditsReinstated,
  CreditsReversed,
  type CreditsReinstatedEvent,
  type CreditsReversedEvent,
} from '@sms/contracts';
import { BatchHandler, InboundEvent } from '@sms/messaging';
import { ReversalsService } from './reversals.service';

@Injectable()
export class CreditReversalsConsumer {
  constructor(private readonly reversals: ReversalsService) {}

  @BatchHandler(CreditsReversed, { maxBatchSize: 500 })
  async reversed(events: InboundEvent<CreditsReversedEvent>[]): Promise<void> {
    await this.reversals.reverse(events.map((e) => e.payload));
  }

  @BatchHandler(CreditsReinstated, { maxBatchSize: 500 })
  async reinstated(events: InboundEvent<CreditsReinstatedEvent>[]): Promise<void> {
    await this.reversals.reinstate(events.map((e) => e.payload));
  }
}
