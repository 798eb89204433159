import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { EntityManager } from '@mikro-orm/postgresql';
import { tryJobLock } from './job-lock';
import { type JobDefinition, ScheduledJob } from './scheduled-job';

export type ExclusiveRun<T> = { ran: true; result: T } | { ran: false };

// Scheduled work on @nestjs/schedule: each job is a named interval in its SchedulerRegistry, runs under
// a PostgreSQL advisory lock so replicas never run it at the same time (unless its rows are its lock:
// see JobDefinition.lockedBy), never overlaps itself, and the application's shutdown waits for a run
// in progress. Before shutdown rather than on it: the ORM closes its pool on shutdown, and a run still
// going then would wait for a connection that never comes.
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly intervals = new Map<string, number>();
  private started = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly em: EntityManager,
  ) {}

  register(definition: JobDefinition): ScheduledJob {
    if (this.jobs.has(definition.name)) {
      throw new Error(`A scheduled job named ${definition.name} is already registered`);
    }
    const run =
      definition.lockedBy === undefined || definition.lockedBy === 'scheduler'
        ? (stopping: AbortSignal) => this.runExclusive(definition.name, () => definition.run(stopping))
        : definition.run;
    const job = new ScheduledJob(definition.name, run);
    this.jobs.set(definition.name, job);
    this.intervals.set(definition.name, definition.intervalMs);
    if (this.started) {
      this.start(job);
    }
    return job;
  }

  // Timers start once the application is up: before that the schema may not be migrated yet.
  onApplicationBootstrap(): void {
    this.started = true;
    for (const job of this.jobs.values()) {
      this.start(job);
    }
  }

  // Runs `work` while holding the job's advisory lock, on a connection of its own for as long as the
  // work takes; { ran: false } when another replica (or a manual run) holds it.
  async runExclusive<T>(jobName: string, work: () => Promise<T>): Promise<ExclusiveRun<T>> {
    return this.em.fork().transactional(async (lockHolder): Promise<ExclusiveRun<T>> => {
      if (!(await tryJobLock(lockHolder, jobName))) {
        return { ran: false };
      }
      return { ran: true, result: await work() };
    });
  }

  private start(job: ScheduledJob): void {
    const intervalMs = this.intervals.get(job.name) ?? 0;
    if (intervalMs > 0 && !this.registry.getIntervals().includes(job.name)) {
      const timer = setInterval(() => job.tick(), intervalMs);
      timer.unref();
      this.registry.addInterval(job.name, timer);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const name of this.jobs.keys()) {
      if (this.registry.getIntervals().includes(name)) {
        this.registry.deleteInterval(name);
      }
    }
    await Promise.all([...this.jobs.values()].map((job) => job.stop()));
  }
}
