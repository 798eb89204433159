import { Injectable } from '@nestjs/common';
import {
  CreditsApplied,
  PaymentFailed,
  PaymentSucceeded,
  type CreditsAppliedEvent,
  type PaymentFailedEvent,
  type PaymentSucceededEvent,
} from '@sms/contracts';
import { BatchHandler, BatchOutcome, InboundEvent } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { SettlementService } from './settlement.service';

@Injectable()
export class PaymentOutcomeConsumer {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly settlement: SettlementService,
  ) {}

  @BatchHandler(PaymentSucceeded, { maxBatchSize: 500 })
  async succeeded(events: InboundEvent<PaymentSucceededEvent>[]): Promise<BatchOutcome> {
    const rejected = await this.transactions.run((tx) =>
      this.settlement.settle(
        tx,
        events.map((event) => ({ event, outcome: { kind: 'succeeded' as const, payload: event.payload } })),
      ),
    );
    return { rejected };
  }

  @BatchHandler(PaymentFailed, { maxBatchSize: 500 })
  async failed(events: InboundEvent<PaymentFailedEvent>[]): Promise<BatchOutcome> {
    const rejected = await this.transactions.run((tx) =>
      this.settlement.settle(
        tx,
        events.map((event) => ({ event, outcome: { kind: 'failed' as const, payload: event.payload } })),
      ),
    );
    return { rejected };
  }

  // The ledger confirms the grant landed on the balance: the order is credited.
  @BatchHandler(CreditsApplied, { maxBatchSize: 500 })
  async applied(events: InboundEvent<CreditsAppliedEvent>[]): Promise<void> {
    await this.transactions.run((tx) =>
      this.settlement.applied(
        tx,
        events.map((e) => e.payload),
      ),
    );
  }
}
