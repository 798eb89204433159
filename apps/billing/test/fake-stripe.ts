import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

interface PaymentMethodObject {
  id: string;
  customer: string | null;
  card: FakeCard;
}

interface SetupIntentObject {
  id: string;
  customer: string;
  metadata: Record<string, string>;
  status: 'requires_payment_method' | 'succeeded';
  paymentMethod: string | null;
}

export interface RecordedRequest {
  method: string;
  path: string;
  form: Record<string, string>;
  idempotencyKey: string | undefined;
}

// A local stand-in for the Stripe API: a real HTTP server answering the calls billing makes with
// Stripe-shaped JSON, so the `stripe` SDK is exercised end to end (form encoding, errors, retries).
// Tests play the browser's part (confirming a SetupIntent) through its helpers.
export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  // What a PaymentIntent answers when billing confirms it; `processing` keeps the payment pending.
  paymentIntentStatus: 'succeeded' | 'processing' = 'processing';
  private readonly customers = new Map<string, Record<string, string>>();
  private readonly paymentMethods = new Map<string, PaymentMethodObject>();
  private readonly setupIntents = new Map<string, SetupIntentObject>();
  // PaymentIntent ids by billing's payment id (its metadata), for tests that then refund or dispute.
  private readonly paymentIntents = new Map<string, string>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeStripe> {
    const server = createServer();
    const fake = new FakeStripe(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  customerOf(accountId: string): string | undefined {
    return [...this.customers].find(([, metadata]) => metadata.accountId === accountId)?.[0];
  }

  paymentIntentFor(paymentId: string): string {
    const id = this.paymentIntents.get(paymentId);
    if (id === undefined) {
      throw new Error(`no PaymentIntent for payment ${paymentId}`);
    }
    return id;
  }

  // A card saved outside billing (another customer's, say): the object an attacker might point at.
  addPaymentMethod(customer: string | null, card: FakeCard): string {
    const id = `pm_${randomBytes(8).toString('hex')}`;
    this.paymentMethods.set(id, { id, customer, card });
    return id;
  }

  // What Stripe.js does in the customer's browser: the card is attached to the SetupIntent's customer.
  confirmSetupIntent(setupIntentId: string, card: FakeCard): string {
    const intent = this.setupIntents.get(setupIntentId);
    if (intent === undefined) {
      throw new Error(`no SetupIntent ${setupIntentId}`);
    }
    const pm = this.addPaymentMethod(intent.customer, card);
    intent.status = 'succeeded';
    intent.paymentMethod = pm;
    return pm;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    this.requests.push({ method, path, form, idempotencyKey });
    const [, version, resource, id] = path.split('/');
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_${randomBytes(6).toString('hex')}`,
      });
      res.end(JSON.stringify(body));
    };
    const missing = () =>
      answer(404, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: `No such ${resource}: '${id}'`,
        },
      });
    if (version !== 'v1') {
      missing();
      return;
    }
    if (resource === 'customers' && method === 'POST' && id === undefined) {
      const customer = `cus_${randomBytes(7).toString('hex')}`;
      this.customers.set(customer, metadataOf(form));
      answer(200, {
        id: customer,
        object: 'customer',
        metadata: metadataOf(form),
        email: form.email ?? null,
      });
      return;
    }
    if (resource === 'setup_intents' && method === 'POST' && id === undefined) {
      const intent: SetupIntentObject = {
        id: `seti_${randomBytes(8).toString('hex')}`,
        customer: form.customer,
        metadata: metadataOf(form),
        status: 'requires_payment_method',
        paymentMethod: null,
      };
      this.setupIntents.set(intent.id, intent);
      answer(200, setupIntentJson(intent));
      return;
    }
    if (resource === 'setup_intents' && method === 'GET') {
      const intent = this.setupIntents.get(id);
      if (intent === undefined) {
        missing();
        return;
      }
      answer(200, setupIntentJson(intent));
      return;
    }
    if (resource === 'payment_methods' && method === 'GET') {
      const pm = this.paymentMethods.get(id);
      if (pm === undefined) {
        missing();
        return;
      }
      answer(200, {
        id: pm.id,
        object: 'payment_method',
        type: 'card',
        customer: pm.customer,
        card: {
          brand: pm.card.brand,
          last4: pm.card.last4,
          exp_month: pm.card.expMonth,
          exp_year: pm.card.expYear,
        },
      });
      return;
    }
    if (resource === 'payment_intents' && method === 'POST' && id === undefined) {
      const metadata = metadataOf(form);
      // Stripe answers a retried request (same idempotency key) with the same PaymentIntent.
      const intentId = this.paymentIntents.get(metadata.paymentId) ?? `pi_${randomBytes(8).toString('hex')}`;
      this.paymentIntents.set(metadata.paymentId, intentId);
      answer(200, {
        id: intentId,
        object: 'payment_intent',
        amount: Number(form.amount),
        currency: form.currency,
        customer: form.customer ?? null,
        payment_method: form.payment_method ?? null,
        status: this.paymentIntentStatus,
        last_payment_error: null,
        metadata,
      });
      return;
    }
    missing();
  }
}

function metadataOf(form: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form)
      .filter(([key]) => key.startsWith('metadata['))
      .map(([key, value]) => [key.slice('metadata['.length, -1), value]),
  );
}

function setupIntentJson(intent: SetupIntentObject): Record<string, unknown> {
  return {
    id: intent.id,
    object: 'setup_intent',
    client_secret: `${intent.id}_secret_${randomBytes(6).toString('hex')}`,
    customer: intent.customer,
    metadata: intent.metadata,
    payment_method: intent.paymentMethod,
    status: intent.status,
    usage: 'off_session',
  };
}
