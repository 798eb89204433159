import { Injectable } from '@nestjs/common';
import {
  CreditsApplied,
  type CreditsAppliedEvent,
  CreditsExpired,
  type CreditsExpiredEvent,
  CreditsExpiring,
  type CreditsExpiringEvent,
} from '@sms/contracts';
import { BatchHandler, type BatchOutcome, type InboundEvent } from '@sms/messaging';
import { NoticeComposer } from './notice-composer';
import { NoticeIntake } from './notice-intake.service';
import { expiredModel, expiringModel, receiptModel } from './notice-models';

@Injectable()
export class CreditEventsConsumer {
  constructor(
    private readonly intake: NoticeIntake,
    private readonly composer: NoticeComposer,
  ) {}

  @BatchHandler(CreditsApplied, { maxBatchSize: 500 })
  onCreditsApplied(events: InboundEvent<CreditsAppliedEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(events, this.composer.toGroup('receipt', 'receipt', receiptModel));
  }

  // Sent 30, 7 and 1 days before expiry (each its own event), so people can use the credits in time.
  @BatchHandler(CreditsExpiring, { maxBatchSize: 500 })
  onCreditsExpiring(events: InboundEvent<CreditsExpiringEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(events, this.composer.toGroup('expiring', 'expiry', expiringModel));
  }

  @BatchHandler(CreditsExpired, { maxBatchSize: 500 })
  onCreditsExpired(events: InboundEvent<CreditsExpiredEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(events, this.composer.toGroup('expired', 'expiry', expiredModel));
  }
}
