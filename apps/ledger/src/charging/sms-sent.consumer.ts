import { Injectable } from '@nestjs/common';
import { SmsSent, type SmsSentEvent } from '@sms/contracts';
import { BatchHandler, BatchOutcome, InboundEvent } from '@sms/messaging';
import { ChargingService } from './charging.service';

@Injectable()
export class SmsSentConsumer {
  constructor(private readonly charging: ChargingService) {}

  // Two batches of a partition may overlap, and three partitions are handled at once: charges add up
  // the same in either order, the message id keeps each charge unique, and each batch locks its
  // accounts (in id order) before touching balances. Partitions hold disjoint accounts (events are
  // keyed by account), so their batches rarely wait for each other; without it the pipeline drained
  // at the end of every partition's batch (see the README's bench section for the figures).
  @BatchHandler(SmsSent, { maxBatchSize: 5000, maxInFlight: 2, partitionsConcurrently: 3 })
  async handle(events: InboundEvent<SmsSentEvent>[]): Promise<BatchOutcome> {
    return this.charging.chargeBatch(events);
  }
}
