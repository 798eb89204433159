import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { InvoicesService } from '../invoices/invoices.service';
import { OrdersService } from '../orders/orders.service';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';

export const JOB_NAMES = ['scheduled-orders', 'subscription-renewals', 'invoices'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobResult {
  job: JobName;
  asOf: string;
  processed: number;
}

// Runs one job at a time across all replicas: a transaction-scoped advisory lock per job is held on
// one connection while the job does its work in its own transactions.
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    private readonly em: EntityManager,
    private readonly orders: OrdersService,
    private readonly subscriptions: SubscriptionsService,
    private readonly invoices: InvoicesService,
  ) {}

  async run(job: JobName, asOf: Date): Promise<JobResult | null> {
    return this.em.fork().transactional(async (lockHolder) => {
      const [lock] = await lockHolder.execute<{ locked: boolean }[]>(
        'select pg_try_advisory_xact_lock(hashtext(?)) as locked',
        [`billing.job.${job}`],
      );
      if (!lock.locked) {
        return null;
      }
      const processed = await this.execute(job, asOf);
      if (processed > 0) {
        this.logger.log({ message: 'job ran', job, asOf: asOf.toISOString(), processed });
      }
      return { job, asOf: asOf.toISOString(), processed };
    });
  }

  async runOrRefuse(job: JobName, asOf: Date): Promise<JobResult> {
    const result = await this.run(job, asOf);
    if (result === null) {
      throw new ConflictException(`Job ${job} is already running`);
    }
    return result;
  }

  private execute(job: JobName, asOf: Date): Promise<number> {
    switch (job) {
      case 'scheduled-orders':
        return this.orders.placeDueScheduled(asOf.toISOString());
      case 'subscription-renewals':
        return this.subscriptions.renewDue(asOf.toISOString());
      case 'invoices':
        return this.invoices.issueDue(asOf);
    }
  }
}
