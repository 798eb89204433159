import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Outbox } from '@sms/messaging';

// Runs a unit of work in its own transaction on a fresh EntityManager (HTTP requests, Kafka batches
// and timer jobs all come through here), then wakes the outbox relay so events leave at once.
@Injectable()
export class Transactions {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.em.fork().transactional(work);
    this.outbox.notify();
    return result;
  }
}
