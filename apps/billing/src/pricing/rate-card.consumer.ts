import { Injectable } from '@nestjs/common';
import { RateCardUpdated, type RateCardUpdatedEvent } from '@sms/contracts';
import { BatchHandler, InboundEvent } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { RateCardRepository } from './rate-card.repository';

// Billing keeps an event-fed copy of the ledger's rate card rather than calling the ledger over HTTP:
// quotes (how many SMS the credits buy per country) keep working while the ledger is down or slow,
// and no app reads another's schema. Until the first rate-card.updated arrives, the default card
// (one credit per segment) answers. The ledger publishes the full card, so the newest event wins.
@Injectable()
export class RateCardConsumer {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly rateCards: RateCardRepository,
  ) {}

  @BatchHandler(RateCardUpdated, { maxBatchSize: 100 })
  async handle(events: InboundEvent<RateCardUpdatedEvent>[]): Promise<void> {
    const newest = events
      .map((event) => event.payload)
      .reduce((a, b) => (Date.parse(a.occurredAt) >= Date.parse(b.occurredAt) ? a : b));
    await this.transactions.run((tx) =>
      this.rateCards.replaceIfNewer(tx, {
        defaultMillicreditsPerSegment: newest.defaultMillicreditsPerSegment,
        rates: newest.rates,
        occurredAt: newest.occurredAt,
      }),
    );
  }
}
