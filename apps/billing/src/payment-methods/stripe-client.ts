import Stripe from 'stripe';
import type { BillingConfig } from '../config/billing.config';

export const STRIPE_CLIENT = Symbol('STRIPE_CLIENT');

// One Stripe client per app, or null when no key is configured (simulated cards only).
export function createStripeClient(config: BillingConfig): Stripe | null {
  if (config.STRIPE_SECRET_KEY === undefined) {
    return null;
  }
  const url = config.STRIPE_API_URL === undefined ? undefined : new URL(config.STRIPE_API_URL);
  return new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(url === undefined
      ? {}
      : {
          host: url.hostname,
          port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
          protocol: url.protocol === 'https:' ? 'https' : 'http',
        }),
  });
}
