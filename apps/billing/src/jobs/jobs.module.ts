import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { OrdersModule } from '../orders/orders.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { BillingJobs } from './billing-jobs';
import { JobRunner } from './job-runner';
import { JobsController } from './jobs.controller';

@Module({
  imports: [OrdersModule, SubscriptionsModule, InvoicesModule],
  controllers: [JobsController],
  providers: [JobRunner, BillingJobs],
})
export class JobsModule {}
