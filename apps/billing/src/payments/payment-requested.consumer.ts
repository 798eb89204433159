import { Inject, Injectable } from '@nestjs/common';
import { PaymentFailed, PaymentRequested, type PaymentRequestedEvent } from '@sms/contracts';
import { BatchHandler, BatchOutcome, Inbox, InboundEvent, Outbox, Rejection } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { PaymentMethodRepository } from '../payment-methods/payment-method.repository';
import { PAYMENT_PROVIDERS, PaymentProvider } from './payment-provider';

// Billing hosts the provider adapters: it asks for a charge through payment.requested (written to the
// outbox with the order change) and this consumer hands each request, once, to the card's provider.
@Injectable()
export class PaymentRequestedConsumer {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly inbox: Inbox,
    private readonly methods: PaymentMethodRepository,
    private readonly outbox: Outbox,
    @Inject(PAYMENT_PROVIDERS) private readonly providers: PaymentProvider[],
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @BatchHandler(PaymentRequested, { maxBatchSize: 50 })
  async handle(events: InboundEvent<PaymentRequestedEvent>[]): Promise<BatchOutcome> {
    return this.transactions.run(async (tx) => {
      const rejected: Rejection[] = [];
      const fresh = await this.inbox.claim(
        tx,
        'payment-requested',
        events.map((e) => e.payload.paymentId),
      );
      for (const event of events) {
        const request = event.payload;
        if (!fresh.delete(request.paymentId)) {
          continue;
        }
        const method = await this.methods.findById(tx, request.paymentMethodId);
        if (method === null || method.accountId !== request.accountId) {
          rejected.push({ event, reason: `unknown payment method ${request.paymentMethodId}` });
          continue;
        }
        const provider = this.providers.find((p) => p.name === method.provider);
        if (provider === undefined) {
          // A card of a provider that is switched off here (the simulator): the order fails cleanly.
          await this.outbox.add(tx, PaymentFailed, [
            {
              schemaVersion: 1,
              paymentId: request.paymentId,
              orderId: request.orderId,
              accountId: request.accountId,
              amountMinor: request.amountMinor,
              currency: request.currency,
              provider: method.provider,
              occurredAt: this.clock.now().toISOString(),
              code: 'processing_error',
              reason: `payments with ${method.provider} cards are not enabled`,
            },
          ]);
          continue;
        }
        await provider.charge(tx, {
          paymentId: request.paymentId,
          orderId: request.orderId,
          accountId: request.accountId,
          amountMinor: request.amountMinor,
          currency: request.currency,
          method,
        });
      }
      return { rejected };
    });
  }
}
