import {
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import Stripe from 'stripe';
import { UnitOfWork } from '@sms/persistence';
import { STRIPE_CLIENT } from './stripe-client';
import { StripeCustomerRepository } from './stripe-customer.repository';

export interface StripeCardDetails {
  token: string;
  stripeCustomerId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface SetupIntentView {
  setupIntentId: string;
  // For Stripe.js in the customer's browser (confirmCardSetup); never stored by billing.
  clientSecret: string;
}

// Cards are never taken from the client as it describes them: billing owns the account's Stripe
// customer, creates the SetupIntent the browser confirms, and then asks Stripe which card was attached
// and to whom. A card attached to any other customer is refused, whatever id the client sends.
@Injectable()
export class StripeCardsService {
  private readonly logger = new Logger(StripeCardsService.name);

  constructor(
    @Inject(STRIPE_CLIENT) private readonly stripe: Stripe | null,
    private readonly transactions: UnitOfWork,
    private readonly customers: StripeCustomerRepository,
  ) {}

  async createSetupIntent(accountId: string): Promise<SetupIntentView> {
    const stripe = this.client();
    const customer = await this.ensureCustomer(stripe, accountId);
    const intent = await this.call(() =>
      stripe.setupIntents.create({
        customer,
        usage: 'off_session',
        allowed_payment_method_types: ['card'],
        metadata: { accountId },
      }),
    );
    return {
      setupIntentId: intent.id,
      clientSecret: intent.client_secret as string,
    };
  }

  // The card a confirmed SetupIntent (or a PaymentMethod id) stands for, checked against the account.
  async verifiedCard(
    accountId: string,
    input: { setupIntentId?: string; paymentMethodId?: string },
  ): Promise<StripeCardDetails> {
    const stripe = this.client();
    const customer = await this.transactions.run((tx) => this.customers.find(tx, accountId));
    if (customer === null) {
      throw new UnprocessableEntityException(
        'This account has no Stripe customer yet: create a SetupIntent first (POST …/payment-methods/stripe/setup-intents)',
      );
    }
    let paymentMethodId = input.paymentMethodId;
    if (input.setupIntentId !== undefined) {
      const intent = await this.call(() => stripe.setupIntents.retrieve(input.setupIntentId as string));
      if (idOf(intent.customer) !== customer) {
        throw new UnprocessableEntityException(
          `SetupIntent ${intent.id} does not belong to this account's Stripe customer`,
        );
      }
      if (intent.status !== 'succeeded' || intent.payment_method === null) {
        throw new UnprocessableEntityException(
          `SetupIntent ${intent.id} is ${intent.status}; confirm it before saving the card`,
        );
      }
      paymentMethodId = idOf(intent.payment_method) as string;
    }
    const method = await this.call(() => stripe.paymentMethods.retrieve(paymentMethodId as string));
    if (idOf(method.customer) !== customer) {
      this.logger.warn({ message: 'foreign Stripe card refused', accountId, paymentMethodId: method.id });
      throw new UnprocessableEntityException(
        `PaymentMethod ${method.id} is not attached to this account's Stripe customer`,
      );
    }
    if (method.type !== 'card' || method.card === undefined || method.card === null) {
      throw new UnprocessableEntityException(`PaymentMethod ${method.id} is not a card`);
    }
    return {
      token: method.id,
      stripeCustomerId: customer,
      brand: method.card.brand,
      last4: method.card.last4,
      expMonth: method.card.exp_month,
      expYear: method.card.exp_year,
    };
  }

  private async ensureCustomer(stripe: Stripe, accountId: string): Promise<string> {
    const existing = await this.transactions.run((tx) => this.customers.find(tx, accountId));
    if (existing !== null) {
      return existing;
    }
    // The idempotency key makes two concurrent first requests create one customer at Stripe.
    const created = await this.call(() =>
      stripe.customers.create({ metadata: { accountId } }, { idempotencyKey: `customer-${accountId}` }),
    );
    return this.transactions.run((tx) => this.customers.save(tx, accountId, created.id));
  }

  private client(): Stripe {
    if (this.stripe === null) {
      throw new ServiceUnavailableException('Stripe is not configured here (STRIPE_SECRET_KEY)');
    }
    return this.stripe;
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        throw new UnprocessableEntityException(`Stripe refused: ${error.message}`);
      }
      if (error instanceof Stripe.errors.StripeError) {
        throw new ServiceUnavailableException(`Stripe is unavailable: ${error.message}`);
      }
      throw error;
    }
  }
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'string' ? value : value.id;
}
