import { Module } from '@nestjs/common';
import { ReversalsModule } from '../reversals/reversals.module';
import { StripeRawBodyParser } from './stripe-raw-body';
import { StripeWebhookController } from './stripe-webhook.controller';

// Stripe's calls into billing: payment outcomes, refunds and disputes.
@Module({
  imports: [ReversalsModule],
  controllers: [StripeWebhookController],
  providers: [StripeRawBodyParser],
})
export class StripeWebhookModule {}
