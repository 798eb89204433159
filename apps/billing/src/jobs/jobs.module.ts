import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { OrdersModule } from '../orders/orders.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { JobRunner } from './job-runner';
import { JobScheduler } from './job-scheduler';
import { JobsController } from './jobs.controller';

@Module({
  imports: [OrdersModule, SubscriptionsModule, InvoicesModule],
  controllers: [JobsController],
  providers: [JobRunner, JobScheduler],
})
export class JobsModule {}
