import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import Stripe from 'stripe';
import { PaymentFailed, PaymentSucceeded } from '@sms/contracts';
import { Outbox, TransientError } from '@sms/messaging';
import { CLOCK, type Clock } from '@sms/runtime';
import { PaymentRepository } from './payment.repository';
import type { ChargeRequest, PaymentProvider } from './payment-provider';
import { STRIPE_CLIENT } from '../payment-methods/stripe-client';
import { failureCode, outcomeOfIntent } from './stripe-payment-events';

// Charges a saved card with a PaymentIntent (off_session, confirmed at once). The payment id is the
// idempotency key, so a redelivered payment.requested never charges twice. Stripe's webhook reports
// the outcome too; payment.succeeded / payment.failed are consumed once per payment id, so reporting
// an immediate outcome here as well is harmless and survives a misconfigured webhook.
@Injectable()
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly logger = new Logger(StripePaymentProvider.name);

  constructor(
    @Inject(STRIPE_CLIENT) private readonly stripe: Stripe | null,
    private readonly outbox: Outbox,
    private readonly payments: PaymentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async charge(tx: EntityManager, request: ChargeRequest): Promise<void> {
    const occurredAt = this.clock.now().toISOString();
    if (this.stripe === null) {
      await this.fail(tx, request, 'processing_error', 'Stripe is not configured (STRIPE_SECRET_KEY)');
      return;
    }
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amountMinor,
          currency: request.currency.toLowerCase(),
          customer: request.method.stripeCustomerId ?? undefined,
          payment_method: request.method.token,
          off_session: true,
          confirm: true,
          metadata: { paymentId: request.paymentId, orderId: request.orderId, accountId: request.accountId },
        },
        { idempotencyKey: request.paymentId },
      );
      // Refunds and disputes name the PaymentIntent: this is how they find the payment again.
      await this.payments.recordReference(tx, request.paymentId, intent.id);
      const outcome = outcomeOfIntent(intent, occurredAt);
      if (outcome?.kind === 'succeeded') {
        await this.outbox.add(tx, PaymentSucceeded, [outcome.event]);
      } else if (outcome?.kind === 'failed' && intent.status === 'requires_payment_method') {
        await this.outbox.add(tx, PaymentFailed, [outcome.event]);
      }
      // Anything else (processing, requires_action) settles later through the webhook.
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        await this.fail(tx, request, failureCode(error.code, error.decline_code), error.message);
        return;
      }
      if (
        error instanceof Stripe.errors.StripeConnectionError ||
        error instanceof Stripe.errors.StripeAPIError ||
        error instanceof Stripe.errors.StripeRateLimitError
      ) {
        // Retried with backoff by the consumer; the idempotency key makes the retry safe.
        throw new TransientError(`Stripe unavailable: ${error.message}`);
      }
      this.logger.error({
        message: 'stripe charge refused',
        paymentId: request.paymentId,
        error: String(error),
      });
      await this.fail(
        tx,
        request,
        'processing_error',
        error instanceof Error ? error.message : String(error),
      );
    }
  }

  private async fail(
    tx: EntityManager,
    request: ChargeRequest,
    code: 'card_declined' | 'expired_card' | 'insufficient_funds' | 'processing_error',
    reason: string,
  ): Promise<void> {
    await this.outbox.add(tx, PaymentFailed, [
      {
        schemaVersion: 1,
        paymentId: request.paymentId,
        orderId: request.orderId,
        accountId: request.accountId,
        amountMinor: request.amountMinor,
        currency: request.currency,
        provider: 'stripe',
        occurredAt: this.clock.now().toISOString(),
        code,
        reason: reason.slice(0, 500),
      },
    ]);
  }
}
