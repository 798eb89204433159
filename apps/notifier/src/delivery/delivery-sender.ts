import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Counter, Registry } from 'prom-client';
import { JobScheduler, type ScheduledJob } from '@sms/scheduling';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import type { ClaimedDelivery } from './delivery';
import { DeliveryRepository } from './delivery.repository';
import { MailTransport } from './mail-transport';
import { classifySendFailure, retryDelayMs } from './smtp-failure';

export type SendOutcome = 'sent' | 'retry' | 'failed';

// Sends pending emails from the delivery log. Each row is sent at most once:
//  1. claim: pending + due rows become 'sending' (attempts+1) in one statement, FOR UPDATE SKIP
//     LOCKED, so replicas never pick the same row;
//  2. send through SMTP;
//  3. record the outcome: 'sent', back to 'pending' with a backoff (temporary failure), or 'failed'.
// A crash between 2 and 3 leaves the row 'sending': we do not resend it on our own (it may have
// been delivered); after DELIVERY_STALE_SENDING_MS it is marked failed with that explanation and an
// operator can resend it. Graceful shutdown waits for sends in flight, so only a hard crash during
// the few milliseconds of an SMTP transaction can cause this. Retries live in the table
// (next_attempt_at), so nothing is lost when the notifier restarts mid-retry.
// Rounds run as a scheduled job every DELIVERY_POLL_INTERVAL_MS, and at once when nudged. The claim
// is the lock (lockedBy 'rows'): every replica sends at the same time, each its own rows.
@Injectable()
export class DeliverySender implements OnModuleInit {
  private readonly logger = new Logger(DeliverySender.name);
  private readonly outcomes: Counter<'outcome'>;
  private job: ScheduledJob | undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly repository: DeliveryRepository,
    private readonly transport: MailTransport,
    private readonly scheduler: JobScheduler,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    registry: Registry,
  ) {
    this.outcomes = new Counter({
      name: 'notifier_email_attempts_total',
      help: 'Email send attempts by outcome (sent, retry = temporary failure, failed = permanent)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  // Registered before the application bootstraps, so a nudge from a consumer always has a job; its
  // timer starts with the application (DELIVERY_POLL_INTERVAL_MS 0 leaves only the nudges).
  onModuleInit(): void {
    this.job = this.scheduler.register({
      name: 'notifier.job.deliveries',
      intervalMs: this.config.DELIVERY_POLL_INTERVAL_MS,
      lockedBy: 'rows',
      run: (stopping) => this.drain(stopping),
    });
  }

  // Starts a round now (after a commit that queued emails) or right after the one in progress.
  nudge(): void {
    this.job?.trigger();
  }

  // Sends everything due, batch after batch, until shutdown begins; returns the number of rows handled.
  async drain(stopping?: AbortSignal): Promise<number> {
    const em = this.em.fork();
    const interrupted = await this.repository.failInterrupted(em, this.config.DELIVERY_STALE_SENDING_MS);
    if (interrupted > 0) {
      this.logger.warn({ message: 'deliveries interrupted while sending marked failed', count: interrupted });
    }
    let handled = 0;
    while (stopping?.aborted !== true) {
      const batch = await this.repository.claimDue(em, this.config.DELIVERY_BATCH_SIZE);
      for (let i = 0; i < batch.length; i += this.config.SMTP_MAX_CONNECTIONS) {
        await Promise.all(
          batch.slice(i, i + this.config.SMTP_MAX_CONNECTIONS).map((delivery) => this.sendOne(em, delivery)),
        );
      }
      handled += batch.length;
      if (batch.length < this.config.DELIVERY_BATCH_SIZE) {
        return handled;
      }
    }
    return handled;
  }

  private async sendOne(em: EntityManager, delivery: ClaimedDelivery): Promise<SendOutcome> {
    const outcome = await this.attempt(em, delivery);
    this.outcomes.inc({ outcome });
    return outcome;
  }

  private async attempt(em: EntityManager, delivery: ClaimedDelivery): Promise<SendOutcome> {
    let messageId: string | null;
    try {
      messageId = await this.transport.send(delivery);
    } catch (error) {
      const failure = classifySendFailure(error);
      const log = {
        deliveryId: delivery.id,
        kind: delivery.kind,
        attempt: delivery.attempts,
        reason: failure.reason,
      };
      if (failure.permanent) {
        this.logger.warn({ message: 'email refused permanently', ...log });
        await this.repository.markFailed(em, delivery.id, failure.reason);
        return 'failed';
      }
      if (delivery.attempts >= this.config.DELIVERY_MAX_ATTEMPTS) {
        this.logger.warn({ message: 'email given up after too many attempts', ...log });
        await this.repository.markFailed(
          em,
          delivery.id,
          `gave up after ${delivery.attempts} attempts; last error: ${failure.reason}`,
        );
        return 'failed';
      }
      const delayMs = retryDelayMs({
        attempt: delivery.attempts,
        baseMs: this.config.DELIVERY_RETRY_BASE_MS,
        maxMs: this.config.DELIVERY_RETRY_MAX_MS,
      });
      this.logger.log({ message: 'email deferred after a temporary failure', delayMs, ...log });
      await this.repository.markForRetry(em, { id: delivery.id, error: failure.reason, delayMs });
      return 'retry';
    }
    await this.repository.markSent(em, delivery.id, messageId);
    return 'sent';
  }
}
