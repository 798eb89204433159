import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { JobScheduler } from '@sms/scheduling';
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

// The job's name, and the key of its advisory lock.
export function jobLockName(job: JobName): string {
  return `billing.job.${job}`;
}

// Runs one job at a time across all replicas, scheduled or by hand: the job's advisory lock is held
// while the job does its work in its own transactions.
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    private readonly scheduler: JobScheduler,
    private readonly orders: OrdersService,
    private readonly subscriptions: SubscriptionsService,
    private readonly invoices: InvoicesService,
  ) {}

  async run(job: JobName, asOf: Date): Promise<JobResult | null> {
    const outcome = await this.scheduler.runExclusive(jobLockName(job), () => this.execute(job, asOf));
    if (!outcome.ran) {
      return null;
    }
    if (outcome.result > 0) {
      this.logger.log({ message: 'job ran', job, asOf: asOf.toISOString(), processed: outcome.result });
    }
    return { job, asOf: asOf.toISOString(), processed: outcome.result };
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
