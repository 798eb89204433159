import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@sms/runtime';
import { JobScheduler } from '@sms/scheduling';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import { JOB_NAMES, JobRunner, jobLockName } from './job-runner';

// Every interval each job runs as of now: jobs are idempotent and catch up, so a missed or failed
// run only delays work. JobRunner takes the job's advisory lock, which manual runs share.
@Injectable()
export class BillingJobs implements OnApplicationBootstrap {
  constructor(
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scheduler: JobScheduler,
    private readonly runner: JobRunner,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.BILLING_JOBS_INTERVAL_MS === 0) {
      return;
    }
    for (const job of JOB_NAMES) {
      this.scheduler.register({
        name: jobLockName(job),
        intervalMs: this.config.BILLING_JOBS_INTERVAL_MS,
        lockedBy: 'job',
        run: () => this.runner.run(job, this.clock.now()),
      });
    }
  }
}
