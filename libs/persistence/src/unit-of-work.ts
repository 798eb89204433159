import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

const afterCommitHooks = new WeakMap<EntityManager, Set<() => void>>();

// One unit of work: a transaction on a fresh EntityManager (HTTP requests, Kafka batches and jobs all
// come through here); once it has committed, the hooks registered during it run — the outbox wakes its
// relay this way, so events leave at once instead of at the next poll. A rolled-back transaction runs
// none: it changed nothing worth announcing.
@Injectable()
export class UnitOfWork {
  constructor(private readonly em: EntityManager) {}

  async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const hooks = new Set<() => void>();
    const result = await this.em.fork().transactional((tx) => {
      afterCommitHooks.set(tx, hooks);
      return work(tx);
    });
    for (const hook of hooks) {
      hook();
    }
    return result;
  }
}

// Runs `hook` once after the unit of work that owns `tx` commits (a hook registered twice runs once).
// Returns false outside a unit of work, where nobody will run it: the caller falls back to polling.
export function afterCommit(tx: EntityManager, hook: () => void): boolean {
  const hooks = afterCommitHooks.get(tx);
  hooks?.add(hook);
  return hooks !== undefined;
}
