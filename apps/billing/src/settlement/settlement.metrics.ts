import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import type { OutcomeRejectionCode } from './payment-outcome-check';

// A refused payment outcome is either a bug in a provider adapter or someone forging events: both
// deserve an alert, so they are counted apart from ordinary dead letters.
@Injectable()
export class SettlementMetrics {
  private readonly refused: Counter<'topic' | 'reason'>;

  constructor(registry: Registry) {
    this.refused = new Counter({
      name: 'billing_payment_outcomes_refused_total',
      help: 'payment.succeeded / payment.failed events refused because billing did not request that payment',
      labelNames: ['topic', 'reason'],
      registers: [registry],
    });
  }

  outcomeRefused(topic: string, reason: OutcomeRejectionCode): void {
    this.refused.inc({ topic, reason });
  }
}
