export { tryJobLock } from './job-lock';
export { type ExclusiveRun, JobScheduler } from './job-scheduler';
export { type JobDefinition, ScheduledJob } from './scheduled-job';
export { SchedulingModule } from './scheduling.module';
