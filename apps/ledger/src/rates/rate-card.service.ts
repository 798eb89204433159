import { Injectable, Inject } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { eventEnvelope, RateCardUpdated } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { RateCard } from './rate-card';
import { RateCardRepository } from './rate-card.repository';

@Injectable()
export class RateCardService {
  constructor(
    private readonly em: EntityManager,
    private readonly unitOfWork: UnitOfWork,
    private readonly rateCards: RateCardRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get(): Promise<RateCard> {
    return this.rateCards.load(this.em.fork());
  }

  async replace(card: RateCard): Promise<RateCard> {
    await this.unitOfWork.run(async (tx) => {
      await this.rateCards.replace(tx, card);
      await this.outbox.add(tx, RateCardUpdated, [{ ...eventEnvelope(this.clock.now()), ...card }]);
    });
    return this.get();
  }
}
