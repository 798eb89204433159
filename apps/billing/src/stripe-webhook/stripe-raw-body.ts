import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { raw } from 'express';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

// Stripe signs the exact bytes it sent, so the webhook needs the raw body. bootstrapService does not
// enable Nest's `rawBody` option and registers the JSON parser when the app initialises, after every
// provider was constructed; registering a raw parser for this one path here (at construction) puts it
// first, and the JSON parser then skips the already-read body. `rawBody: true` in bootstrapService
// would make this unnecessary.
@Injectable()
export class StripeRawBodyParser {
  constructor(adapterHost: HttpAdapterHost) {
    adapterHost.httpAdapter?.use(STRIPE_WEBHOOK_PATH, raw({ type: () => true, limit: '1mb' }));
  }
}
