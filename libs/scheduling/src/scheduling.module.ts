import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { JobScheduler } from './job-scheduler';

// Global: every feature that has scheduled work (and the outbox relay) injects the JobScheduler.
@Module({})
export class SchedulingModule {
  static forRoot(): DynamicModule {
    return {
      module: SchedulingModule,
      global: true,
      imports: [ScheduleModule.forRoot()],
      providers: [JobScheduler],
      exports: [JobScheduler],
    };
  }
}
