import { Logger } from '@nestjs/common';

export interface JobDefinition {
  // Unique within the service and the key of the job's advisory lock (see tryJobLock).
  name: string;
  // How often the job runs; 0 leaves it to trigger() and to whoever calls it directly.
  intervalMs: number;
  run: () => Promise<unknown>;
  // 'scheduler' (the default): the scheduler holds the job's lock while run() works in transactions
  // of its own. 'job': run() takes the lock itself, with tryJobLock, in the transaction doing the work
  // (the outbox relay locks each batch it publishes).
  lockedBy?: 'scheduler' | 'job';
}

// One job's timer: never two runs at once in this process (a tick that finds it running is skipped),
// trigger() asks for a run as soon as possible, and stop() waits for the run in progress.
export class ScheduledJob {
  private readonly logger = new Logger(ScheduledJob.name);
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly runOnce: () => Promise<unknown>,
  ) {}

  tick(): void {
    if (this.stopped) {
      return;
    }
    if (this.running) {
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.tick();
      }
    });
  }

  // Runs now, or once more right after the run in progress (which may have missed the new work).
  trigger(): void {
    if (this.running) {
      this.again = true;
    } else {
      this.tick();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.again = false;
    await this.running;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  private async pass(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      // The next tick retries: jobs are idempotent and catch up, so a failed run only delays work.
      this.logger.error({ message: 'scheduled job failed', job: this.name, error: (error as Error).message });
    }
  }
}
