import type { EntityManager } from '@mikro-orm/postgresql';
import type { PaymentProviderName } from '../payment-methods/payment-method.entity';
import type { PaymentMethod } from '../payment-methods/payment-method.repository';

export interface ChargeRequest {
  paymentId: string;
  orderId: string;
  accountId: string;
  amountMinor: number;
  currency: string;
  method: PaymentMethod;
}

// The port every payment provider adapter implements. A charge is asynchronous: its outcome comes back
// as payment.succeeded / payment.failed on Kafka (written to the outbox in `tx`, or sent later by the
// provider's webhook), never as a return value, so card and bank-transfer orders settle the same way.
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  charge(tx: EntityManager, request: ChargeRequest): Promise<void>;
}

export const PAYMENT_PROVIDERS = Symbol('PAYMENT_PROVIDERS');
