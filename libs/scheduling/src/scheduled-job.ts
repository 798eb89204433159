import { Logger } from '@nestjs/common';

export interface JobDefinition {
  // Unique within the service and the key of the job's advisory lock (see tryJobLock).
  name: string;
  // How often the job runs; 0 leaves it to trigger() and to whoever calls it directly.
  intervalMs: number;
  // The signal aborts when the application shuts down: a job working through batches stops between
  // two of them rather than making shutdown wait for the whole backlog.
  run: (stopping: AbortSignal) => Promise<unknown>;
  // 'scheduler' (the default): the scheduler holds the job's lock while run() works in transactions
  // of its own. 'job': run() takes the lock itself, with tryJobLock, in the transaction doing the work
  // (the outbox relay locks each batch it publishes). 'rows': no advisory lock, so every replica runs
  // the job at once; for work that claims its rows with FOR UPDATE SKIP LOCKED, where replicas share
  // the rows instead of queueing behind one another (still never two runs at once in one process).
  // 'replica': no advisory lock either, for work each replica does for itself (refreshing a cache of
  // what another replica may have changed).
  lockedBy?: 'scheduler' | 'job' | 'rows' | 'replica';
}

// One job's timer: never two runs at once in this process (a tick that finds it running is skipped),
// trigger() asks for a run as soon as possible, and stop() waits for the run in progress.
export class ScheduledJob {
  private readonly logger = new Logger(ScheduledJob.name);
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  private again = false;

  constructor(
    readonly name: string,
    private readonly runOnce: (stopping: AbortSignal) => Promise<unknown>,
  ) {}

  tick(): void {
    if (this.stopping.signal.aborted) {
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
    this.stopping.abort();
    this.again = false;
    await this.running;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  private async pass(): Promise<void> {
    try {
      await this.runOnce(this.stopping.signal);
    } catch (error) {
      // The next tick retries: jobs are idempotent and catch up, so a failed run only delays work.
      this.logger.error({ message: 'scheduled job failed', job: this.name, error: (error as Error).message });
    }
  }
}
