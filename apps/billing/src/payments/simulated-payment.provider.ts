import { Injectable, Inject } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PaymentFailed, PaymentSucceeded } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { CLOCK, type Clock } from '@sms/runtime';
import { simulatedOutcome } from '../payment-methods/test-cards';
import type { ChargeRequest, PaymentProvider } from './payment-provider';

const REASONS = {
  card_declined: 'Your card was declined.',
  expired_card: 'Your card has expired.',
  insufficient_funds: 'Your card has insufficient funds.',
} as const;

// A provider for local runs and tests. It decides from the test card's token and answers on Kafka
// exactly like a real provider would: billing writes the outcome to its outbox on the simulator's
// behalf, in the transaction that handles payment.requested, so the outcome is never lost or doubled.
@Injectable()
export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = 'simulated' as const;

  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async charge(tx: EntityManager, request: ChargeRequest): Promise<void> {
    const outcome = simulatedOutcome(request.method.token);
    const base = {
      schemaVersion: 1 as const,
      paymentId: request.paymentId,
      orderId: request.orderId,
      accountId: request.accountId,
      amountMinor: request.amountMinor,
      currency: request.currency,
      provider: 'simulated' as const,
      occurredAt: this.clock.now().toISOString(),
    };
    if (outcome === 'succeeds') {
      await this.outbox.add(tx, PaymentSucceeded, [base]);
      return;
    }
    await this.outbox.add(tx, PaymentFailed, [{ ...base, code: outcome, reason: REASONS[outcome] }]);
  }
}
