import {
  BadRequestException,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Post,
  Req,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import Stripe from 'stripe';
import { Public } from '@sms/auth';
import { PaymentFailed, PaymentSucceeded } from '@sms/contracts';
import { Inbox, Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import { outcomeOfIntent } from '../payments/stripe-payment-events';
import { OrderReversalsService } from '../reversals/order-reversals.service';
import { moneyBackOf } from '../reversals/stripe-charge-events';

// Stripe's own calls: no bearer token, authenticated by the signature over the raw body instead.
@ApiExcludeController()
@Controller('webhooks/stripe')
export class StripeWebhookController {
  // Only signature checks use this client; they need no API key.
  private readonly webhooks = new Stripe('sk_webhook_verification_only').webhooks;

  constructor(
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
    private readonly transactions: UnitOfWork,
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
    private readonly reversals: OrderReversalsService,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  async receive(
    @Req() request: Request,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<{ received: true; handled: boolean }> {
    const secret = this.config.STRIPE_WEBHOOK_SECRET;
    if (secret === undefined) {
      throw new ServiceUnavailableException('Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET)');
    }
    const body: unknown = request.body;
    if (!Buffer.isBuffer(body) || signature === undefined) {
      throw new BadRequestException('Missing body or Stripe-Signature header');
    }
    let event: Stripe.Event;
    try {
      event = this.webhooks.constructEvent(body, signature, secret);
    } catch (error) {
      throw new BadRequestException(`Invalid Stripe signature: ${(error as Error).message}`);
    }
    const occurredAt = new Date(event.created * 1000).toISOString();
    const moneyBack = moneyBackOf(event);
    if (moneyBack !== null) {
      const result = await this.transactions.run(async (tx) => {
        // Stripe retries deliveries; each of its events is applied once.
        const fresh = await this.inbox.claim(tx, 'stripe-webhook', [event.id]);
        return fresh.size === 0 ? 'duplicate' : this.reversals.apply(tx, moneyBack, occurredAt);
      });
      return { received: true, handled: result === 'applied' };
    }
    if (event.type !== 'payment_intent.succeeded' && event.type !== 'payment_intent.payment_failed') {
      return { received: true, handled: false };
    }
    const outcome = outcomeOfIntent(event.data.object, occurredAt);
    if (outcome === null) {
      return { received: true, handled: false };
    }
    await this.transactions.run(async (tx) => {
      // Stripe retries deliveries; each of its events is announced once.
      const fresh = await this.inbox.claim(tx, 'stripe-webhook', [event.id]);
      if (fresh.size === 0) {
        return;
      }
      if (outcome.kind === 'succeeded') {
        await this.outbox.add(tx, PaymentSucceeded, [outcome.event]);
      } else {
        await this.outbox.add(tx, PaymentFailed, [outcome.event]);
      }
    });
    return { received: true, handled: true };
  }
}
