import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import { newId } from '../shared/ids';
import { Transactions } from '../shared/transactions';
import type { AddPaymentMethodDto, UpdatePaymentMethodDto } from './payment-method.dto';
import { PaymentMethod, PaymentMethodRepository } from './payment-method.repository';
import { isExpired, simulatedCard, TEST_CARD_NUMBERS } from './test-cards';

export type PaymentMethodView = Omit<PaymentMethod, 'token' | 'stripeCustomerId'>;

@Injectable()
export class PaymentMethodsService {
  constructor(
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
    private readonly transactions: Transactions,
    private readonly methods: PaymentMethodRepository,
  ) {}

  async add(accountId: string, dto: AddPaymentMethodDto): Promise<PaymentMethodView> {
    if (dto.provider === 'simulated' && !this.config.PAYMENT_SIMULATOR_ENABLED) {
      throw new UnprocessableEntityException(
        'The payment simulator is off here (PAYMENT_SIMULATOR_ENABLED); save a real card',
      );
    }
    assertNotExpired(dto);
    const id = newId('pm');
    const details =
      dto.provider === 'simulated'
        ? { ...testCard(dto.cardNumber as string, id), stripeCustomerId: null }
        : {
            brand: dto.brand as string,
            last4: dto.last4 as string,
            token: dto.stripePaymentMethodId as string,
            stripeCustomerId: dto.stripeCustomerId as string,
          };
    const method = await this.transactions.run((tx) =>
      this.methods.insert(tx, {
        id,
        accountId,
        provider: dto.provider,
        expMonth: dto.expMonth,
        expYear: dto.expYear,
        ...details,
      }),
    );
    return view(method);
  }

  async list(accountId: string): Promise<PaymentMethodView[]> {
    const methods = await this.transactions.run((tx) => this.methods.list(tx, accountId));
    return methods.map(view);
  }

  // The customer updates a card (new expiry, or a replacement card): a previous decline is forgotten.
  async update(accountId: string, id: string, dto: UpdatePaymentMethodDto): Promise<PaymentMethodView> {
    assertNotExpired(dto);
    return this.transactions.run(async (tx) => {
      const method = await this.requireActive(tx, accountId, id);
      const replacement =
        dto.cardNumber !== undefined && method.provider === 'simulated'
          ? testCard(dto.cardNumber, newId('pm'))
          : { brand: method.brand, last4: method.last4, token: method.token };
      return view(
        await this.methods.updateCard(tx, {
          id,
          expMonth: dto.expMonth,
          expYear: dto.expYear,
          ...replacement,
        }),
      );
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

function assertNotExpired(card: { expMonth: number; expYear: number }): void {
  if (isExpired(card, new Date())) {
    throw new UnprocessableEntityException('The card has expired');
  }
}

function view(method: PaymentMethod): PaymentMethodView {
  const { token: _token, stripeCustomerId: _customer, ...rest } = method;
  return rest;
}
