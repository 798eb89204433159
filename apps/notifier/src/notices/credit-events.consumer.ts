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
    return this.intake.handle(events, (known) =>
      known.flatMap(({ payload, settings }) =>
        this.composer.compose({
          eventId: payload.eventId,
          kind: 'receipt',
          settings,
          recipients: settings.recipients.receipt,
          model: receiptModel(payload, this.composer.context(settings)),
        }),
      ),
    );
  }

  // Sent 30, 7 and 1 days before expiry (each its own event), so people can use the credits in time.
  @BatchHandler(CreditsExpiring, { maxBatchSize: 500 })
  onCreditsExpiring(events: InboundEvent<CreditsExpiringEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(events, (known) =>
      known.flatMap(({ payload, settings }) =>
        this.composer.compose({
          eventId: payload.eventId,
          kind: 'expiring',
          settings,
          recipients: settings.recipients.expiry,
          model: expiringModel(payload, this.composer.context(settings)),
        }),
      ),
    );
  }

  @BatchHandler(CreditsExpired, { maxBatchSize: 500 })
  onCreditsExpired(events: InboundEvent<CreditsExpiredEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(events, (known) =>
      known.flatMap(({ payload, settings }) =>
        this.composer.compose({
          eventId: payload.eventId,
          kind: 'expired',
          settings,
          recipients: settings.recipients.expiry,
          model: expiredModel(payload, this.composer.context(settings)),
        }),
      ),
    );
  }
}
