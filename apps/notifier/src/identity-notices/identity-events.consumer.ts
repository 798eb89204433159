import { Injectable } from '@nestjs/common';
import {
  InvitationCreated,
  type InvitationCreatedEvent,
  PasswordResetRequested,
  type PasswordResetRequestedEvent,
} from '@sms/contracts';
import { BatchHandler, type BatchOutcome, type InboundEvent } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import type { NewDelivery } from '../delivery/delivery';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { DeliverySender } from '../delivery/delivery-sender';
import { LANGUAGE_PACKS, type Language } from '../templates/languages';
import type { NoticeKind } from '../templates/notice-kind';
import { renderEmail } from '../templates/render-email';
import type { TemplateModel } from '../templates/template-engine';
import { invitationModel, passwordResetModel } from './identity-notice-models';

// The person has no notification settings to read a language from; English until they choose.
const LANGUAGE: Language = 'en';

// Emails about a person's own sign-in: an invitation to an account, a password reset link. They go
// to the one address in the event, through the same delivery log (at most once per event) and SMTP
// sender as every other notice.
@Injectable()
export class IdentityEventsConsumer {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly sender: DeliverySender,
  ) {}

  @BatchHandler(InvitationCreated, { maxBatchSize: 200 })
  onInvitationCreated(events: InboundEvent<InvitationCreatedEvent>[]): Promise<BatchOutcome> {
    return this.queue(
      events.map(({ payload }) =>
        this.delivery({
          eventId: payload.eventId,
          recipient: payload.email,
          accountId: payload.accountId,
          kind: 'invitation',
          model: invitationModel(payload, LANGUAGE_PACKS[LANGUAGE]),
        }),
      ),
    );
  }

  @BatchHandler(PasswordResetRequested, { maxBatchSize: 200 })
  onPasswordResetRequested(events: InboundEvent<PasswordResetRequestedEvent>[]): Promise<BatchOutcome> {
    return this.queue(
      events.map(({ payload }) =>
        this.delivery({
          eventId: payload.eventId,
          recipient: payload.email,
          // Not an account's email: the log files it under the person it was for.
          accountId: `user:${payload.userId}`,
          kind: 'password_reset',
          model: passwordResetModel(payload, LANGUAGE_PACKS[LANGUAGE]),
        }),
      ),
    );
  }

  private delivery(options: {
    eventId: string;
    recipient: string;
    accountId: string;
    kind: NoticeKind;
    model: TemplateModel;
  }): NewDelivery {
    const email = renderEmail({ language: LANGUAGE, kind: options.kind, model: options.model });
    return {
      eventId: options.eventId,
      recipient: options.recipient,
      kind: options.kind,
      accountId: options.accountId,
      ...email,
    };
  }

  private async queue(deliveries: NewDelivery[]): Promise<BatchOutcome> {
    const inserted = await this.unitOfWork.run((tx) => this.deliveries.insert(tx, deliveries));
    if (inserted > 0) {
      this.sender.nudge();
    }
    return {};
  }
}
