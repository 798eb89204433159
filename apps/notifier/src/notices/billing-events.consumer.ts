import { Injectable } from '@nestjs/common';
import {
  AutoTopUpFailed,
  type AutoTopUpFailedEvent,
  CreditsReinstated,
  type CreditsReinstatedEvent,
  CreditsReversed,
  type CreditsReversedEvent,
  InvoiceIssued,
  type InvoiceIssuedEvent,
  OrderApprovalRequested,
  type OrderApprovalRequestedEvent,
} from '@sms/contracts';
import { BatchHandler, type BatchOutcome, type InboundEvent } from '@sms/messaging';
import { NoticeComposer } from './notice-composer';
import { NoticeIntake } from './notice-intake.service';
import {
  approvalRequestedModel,
  autoTopUpFailedModel,
  creditsReinstatedModel,
  creditsReversedModel,
  invoiceIssuedModel,
} from './notice-models';

@Injectable()
export class BillingEventsConsumer {
  constructor(
    private readonly intake: NoticeIntake,
    private readonly composer: NoticeComposer,
  ) {}

  // Card failure (auto top-up stops until the card is updated) or the 30-day recharge limit.
  @BatchHandler(AutoTopUpFailed, { maxBatchSize: 500 })
  onAutoTopUpFailed(events: InboundEvent<AutoTopUpFailedEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(
      events,
      this.composer.toGroup('autotopup_failed', 'autoTopUp', autoTopUpFailedModel),
    );
  }

  // The approver named in the order gets the email, whatever the account's recipient lists say [000].
  @BatchHandler(OrderApprovalRequested, { maxBatchSize: 500 })
  onApprovalRequested(events: InboundEvent<OrderApprovalRequestedEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(events, (known) =>
      known.flatMap(({ payload, settings }) =>
        this.composer.composeAddressed({
          eventId: payload.eventId,
          kind: 'approval_requested',
          settings,
          to: [payload.approver.email],
          model: approvalRequestedModel(payload, this.composer.context(settings)),
        }),
      ),
    );
  }

  @BatchHandler(InvoiceIssued, { maxBatchSize: 500 })
  onInvoiceIssued(events: InboundEvent<InvoiceIssuedEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(events, this.composer.toGroup('invoice_issued', 'invoice', invoiceIssuedModel));
  }

  // Money went back (refund, card dispute): whoever gets receipts hears that the credits left too.
  @BatchHandler(CreditsReversed, { maxBatchSize: 500 })
  onCreditsReversed(events: InboundEvent<CreditsReversedEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(
      events,
      this.composer.toGroup('credits_reversed', 'receipt', creditsReversedModel),
    );
  }

  @BatchHandler(CreditsReinstated, { maxBatchSize: 500 })
  onCreditsReinstated(events: InboundEvent<CreditsReinstatedEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(
      events,
      this.composer.toGroup('credits_reinstated', 'receipt', creditsReinstatedModel),
    );
  }
}
