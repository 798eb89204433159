import type { EntityManager } from '@mikro-orm/postgresql';

// The one lock-key style for scheduled work: a transaction-scoped PostgreSQL advisory lock keyed by
// hashtext(<job name>). Job names are qualified by the service's schema ("billing.job.invoices"), so
// replicas of one service share a lock and different services never contend.
export async function tryJobLock(tx: EntityManager, jobName: string): Promise<boolean> {
  const [lock] = await tx.execute<{ locked: boolean }[]>(
    'select pg_try_advisory_xact_lock(hashtext(?)) as locked',
    [jobName],
  );
  return lock.locked;
}
