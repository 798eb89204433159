import { Injectable } from '@nestjs/common';
import { SmsSent, type SmsSentEvent } from '@sms/contracts';
import { BatchHandler, BatchOutcome, InboundEvent } from '@sms/messaging';
import { ChargingService } from './charging.service';

@Injectable()
export class SmsSentConsumer {
  constructor(private readonly charging: ChargingService) {}

  // Two batches of a partition may overlap: charges add up the same in either order, the message id
  // keeps each charge unique, and each batch locks its accounts before touching balances. Four
  // partitions are handled at once: events are keyed by account, so their batches touch different
  // accounts, and a light load no longer waits for the other partitions' commits one after the other
  // (paced latency and the spread case in bench/README.md, "Where the time goes").
  @BatchHandler(SmsSent, { maxBatchSize: 5000, maxInFlight: 2, partitionsConcurrently: 4 })
  async handle(events: InboundEvent<SmsSentEvent>[]): Promise<BatchOutcome> {
    return this.charging.chargeBatch(events);
  }
}
