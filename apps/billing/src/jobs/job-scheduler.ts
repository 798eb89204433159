import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import { JOB_NAMES, JobRunner } from './job-runner';

// A small scheduler: every interval each job runs with asOf = now (jobs are idempotent and catch up,
// so a missed tick only delays work). The advisory lock in JobRunner keeps replicas from doubling up.
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
    private readonly runner: JobRunner,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.BILLING_JOBS_INTERVAL_MS === 0) {
      return;
    }
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => {
        this.running = undefined;
      });
    }, this.config.BILLING_JOBS_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    for (const job of JOB_NAMES) {
      try {
        await this.runner.run(job, new Date());
      } catch (error) {
        this.logger.error({ message: 'job failed; next tick retries', job, error: (error as Error).message });
      }
    }
  }
}
