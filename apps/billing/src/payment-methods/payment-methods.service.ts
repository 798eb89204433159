import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import { newId } from '../shared/ids';
import type { AddPaymentMethodDto, UpdatePaymentMethodDto } from './payment-method.dto';
import { PaymentMethod, PaymentMethodRepository } from './payment-method.repository';
import { StripeCardDetails, StripeCardsService } from './stripe-cards.service';
import { isExpired, simulatedCard, TEST_CARD_NUMBERS } from './test-cards';

export type PaymentMethodView = Omit<PaymentMethod, 'token' | 'stripeCustomerId'>;

@Injectable()
export class PaymentMethodsService {
  constructor(
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
    private readonly transactions: UnitOfWork,
    private readonly methods: PaymentMethodRepository,
    private readonly stripeCards: StripeCardsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async add(accountId: string, dto: AddPaymentMethodDto): Promise<PaymentMethodView> {
    const id = newId('pm');
    const card =
      dto.provider === 'simulated'
        ? this.simulated(dto, id)
        : await this.stripeCards.verifiedCard(accountId, {
            setupIntentId: dto.setupIntentId,
            paymentMethodId: dto.stripePaymentMethodId,
          });
    assertNotExpired(card, this.clock.now());
    const method = await this.transactions.run((tx) =>
      this.methods.insert(tx, { id, accountId, provider: dto.provider, ...card }),
    );
    return view(method);
  }

  private simulated(
    dto: AddPaymentMethodDto,
    id: string,
  ): Omit<StripeCardDetails, 'stripeCustomerId'> & {
    stripeCustomerId: null;
  } {
    if (!this.config.PAYMENT_SIMULATOR_ENABLED) {
      throw new UnprocessableEntityException(
        'The payment simulator is off here (PAYMENT_SIMULATOR_ENABLED); save a real card',
      );
    }
    return {
      ...testCard(dto.cardNumber as string, id),
      expMonth: dto.expMonth as number,
      expYear: dto.expYear as number,
      stripeCustomerId: null,
    };
  }

  async list(accountId: string): Promise<PaymentMethodView[]> {
    const methods = await this.transactions.run((tx) => this.methods.list(tx, accountId));
    return methods.map(view);
  }

  // The customer updates a card (new expiry, or a replacement card): a previous decline is forgotten.
  // A Stripe card's details are read again from Stripe (with the ownership check), not from the body.
  async update(accountId: string, id: string, dto: UpdatePaymentMethodDto): Promise<PaymentMethodView> {
    const current = await this.transactions.run((tx) => this.requireActive(tx, accountId, id));
    let card: Pick<PaymentMethod, 'brand' | 'last4' | 'expMonth' | 'expYear' | 'token'>;
    if (current.provider === 'stripe') {
      card = await this.stripeCards.verifiedCard(accountId, { paymentMethodId: current.token });
    } else {
      if (dto.expMonth === undefined || dto.expYear === undefined) {
        throw new BadRequestException('expMonth and expYear are required for a simulated card');
      }
      const replacement =
        dto.cardNumber !== undefined
          ? testCard(dto.cardNumber, newId('pm'))
          : { brand: current.brand, last4: current.last4, token: current.token };
      card = { ...replacement, expMonth: dto.expMonth, expYear: dto.expYear };
    }
    assertNotExpired(card, this.clock.now());
    return this.transactions.run(async (tx) => {
      await this.requireActive(tx, accountId, id);
      return view(await this.methods.updateCard(tx, { id, ...card }));
    });
  }

  async remove(accountId: string, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.requireActive(tx, accountId, id);
      await this.methods.remove(tx, id);
    });
  }

  async requireActive(tx: EntityManager, accountId: string, id: string): Promise<PaymentMethod> {
    const method = await this.methods.find(tx, accountId, id);
    if (method === null || method.status !== 'active') {
      throw new NotFoundException(`Payment method ${id} not found`);
    }
    return method;
  }
}

function testCard(number: string, id: string): { brand: string; last4: string; token: string } {
  const card = simulatedCard(number, id);
  if (card === null) {
    throw new UnprocessableEntityException(
      `The simulated provider accepts only its test cards: ${TEST_CARD_NUMBERS.join(', ')}`,
    );
  }
  return card;
}

function assertNotExpired(card: { expMonth: number; expYear: number }, now: Date): void {
  if (isExpired(card, now)) {
    throw new UnprocessableEntityException('The card has expired');
  }
}

function view(method: PaymentMethod): PaymentMethodView {
  const { token: _token, stripeCustomerId: _customer, ...rest } = method;
  return rest;
}
