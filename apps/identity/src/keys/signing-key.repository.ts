import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { SigningKey } from './signing-key.entity';

@Injectable()
export class SigningKeyRepository {
  constructor(private readonly em: EntityManager) {}

  all(): Promise<SigningKey[]> {
    return this.em.fork().find(SigningKey, {}, { orderBy: { createdAt: 'desc' } });
  }

  // Runs `work` while holding a transaction-scoped advisory lock, so two replicas starting at once
  // (or two rotations) do not both create a key.
  async withKeyLock<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.em.fork().transactional(async (tx) => {
      await tx.execute("select pg_advisory_xact_lock(hashtext('identity.signing_key'))");
      return work(tx);
    });
  }
}
