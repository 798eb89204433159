import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { RateCardUpdated } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { RateCard } from './rate-card';
import { RateCardRepository } from './rate-card.repository';

@Injectable()
export class RateCardService {
  constructor(
    private readonly em: EntityManager,
    private readonly rateCards: RateCardRepository,
    private readonly outbox: Outbox,
  ) {}

  get(): Promise<RateCard> {
    return this.rateCards.load(this.em.fork());
  }

  async replace(card: RateCard): Promise<RateCard> {
    await this.em.transactional(async (tx) => {
      await this.rateCards.replace(tx, card);
      await this.outbox.add(tx, RateCardUpdated, [
        { schemaVersion: 1, eventId: randomUUID(), occurredAt: new Date().toISOString(), ...card },
      ]);
    });
    this.outbox.notify();
    return this.get();
  }
}
