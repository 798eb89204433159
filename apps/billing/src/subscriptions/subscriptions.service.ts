import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { UnitOfWork } from '@sms/persistence';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { PaymentMethodsService } from '../payment-methods/payment-methods.service';
import { PriceListRepository } from '../price-lists/price-list.repository';
import { InvalidQuantityError, priceCredits, TierPrice } from '../pricing/tier-pricing';
import { BillingProfilesService } from '../profiles/billing-profiles.service';
import { newId } from '../shared/ids';
import type { ChangeSubscriptionDto, CreateSubscriptionDto } from './subscription.dto';
import { Subscription, SubscriptionRepository } from './subscription.repository';
import { toWholeCredits } from '../shared/credit-units';

// A monthly allocation [000]: the first period is charged when the subscription starts, every
// renewal charges and grants on its date, and the allocation never expires.
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly subscriptions: SubscriptionRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly methods: PaymentMethodsService,
    private readonly priceLists: PriceListRepository,
    private readonly profiles: BillingProfilesService,
  ) {}

  async create(accountId: string, dto: CreateSubscriptionDto): Promise<Subscription> {
    return this.transactions.run(async (tx) => {
      await this.methods.requireActive(tx, accountId, dto.paymentMethodId);
      const price = await this.price(tx, accountId, toWholeCredits(dto.periodMillicredits));
      const start = DateTime.utc();
      const subscription = await this.subscriptions.save(tx, {
        id: newId('sub'),
        accountId,
        creditsPerPeriod: toWholeCredits(dto.periodMillicredits),
        nextCreditsPerPeriod: null,
        paymentMethodId: dto.paymentMethodId,
        status: 'active',
        currentPeriodStart: start.toISO(),
        nextRenewalAt: start.plus({ months: 1 }).toISO(),
      });
      await this.charge(tx, subscription, toWholeCredits(dto.periodMillicredits), price, 'first period');
      return subscription;
    });
  }

  async list(accountId: string): Promise<Subscription[]> {
    return this.transactions.run((tx) => this.subscriptions.list(tx, accountId));
  }

  async change(accountId: string, id: string, dto: ChangeSubscriptionDto): Promise<Subscription> {
    return this.transactions.run(async (tx) => {
      const subscription = await this.requireActive(tx, accountId, id);
      const newPrice = await this.price(tx, accountId, toWholeCredits(dto.periodMillicredits));
      const increase = toWholeCredits(dto.periodMillicredits) - subscription.creditsPerPeriod;
      if (dto.effective === 'next_renewal' || increase <= 0) {
        return this.subscriptions.save(tx, {
          ...subscription,
          nextCreditsPerPeriod: toWholeCredits(dto.periodMillicredits),
        });
      }
      // Not prorated: the customer pays the difference between the two sizes' prices for this period
      // and receives the extra credits at once.
      const oldPrice = await this.price(tx, accountId, subscription.creditsPerPeriod);
      await this.charge(
        tx,
        subscription,
        increase,
        { ...newPrice, amountMinor: Math.max(0, newPrice.amountMinor - oldPrice.amountMinor) },
        `size change to ${toWholeCredits(dto.periodMillicredits)}`,
      );
      return this.subscriptions.save(tx, {
        ...subscription,
        creditsPerPeriod: toWholeCredits(dto.periodMillicredits),
        nextCreditsPerPeriod: null,
      });
    });
  }

  async cancel(accountId: string, id: string): Promise<Subscription> {
    return this.transactions.run(async (tx) => {
      const subscription = await this.requireActive(tx, accountId, id);
      return this.subscriptions.save(tx, { ...subscription, status: 'cancelled' });
    });
  }

  // Renews every subscription due by asOf, one period per run (a missed month is caught up by the next).
  async renewDue(asOf: string): Promise<number> {
    return this.transactions.run(async (tx) => {
      const due = await this.subscriptions.lockDue(tx, asOf, 500);
      for (const subscription of due) {
        const credits = subscription.nextCreditsPerPeriod ?? subscription.creditsPerPeriod;
        const price = await this.price(tx, subscription.accountId, credits);
        const periodStart = DateTime.fromISO(subscription.nextRenewalAt, { zone: 'utc' });
        const renewed = await this.subscriptions.save(tx, {
          ...subscription,
          creditsPerPeriod: credits,
          nextCreditsPerPeriod: null,
          currentPeriodStart: periodStart.toISO() as string,
          nextRenewalAt: periodStart.plus({ months: 1 }).toISO() as string,
        });
        await this.charge(tx, renewed, credits, price, `renewal for ${periodStart.toISODate()}`);
      }
      return due.length;
    });
  }

  private async charge(
    tx: EntityManager,
    subscription: Subscription,
    credits: number,
    price: TierPrice,
    reason: string,
  ): Promise<void> {
    const profile = await this.profiles.require(tx, subscription.accountId);
    await this.lifecycle.placeSystemOrder(tx, {
      accountId: subscription.accountId,
      kind: 'subscription',
      credits,
      amountMinor: price.amountMinor,
      currency: profile.currency,
      tierMinCredits: price.tier.minCredits,
      paymentMethodId: subscription.paymentMethodId,
      subscriptionId: subscription.id,
      actor: 'subscription',
      reason: `Subscription ${reason}`,
    });
  }

  private async price(tx: EntityManager, accountId: string, credits: number): Promise<TierPrice> {
    const profile = await this.profiles.require(tx, accountId);
    const list = await this.priceLists.find(tx, profile.currency);
    if (list === null) {
      throw new UnprocessableEntityException(`No price list in ${profile.currency}`);
    }
    try {
      return priceCredits(list, credits);
    } catch (error) {
      if (error instanceof InvalidQuantityError) {
        throw new UnprocessableEntityException(`periodMillicredits ${error.message}`);
      }
      throw error;
    }
  }

  private async requireActive(tx: EntityManager, accountId: string, id: string): Promise<Subscription> {
    const subscription = await this.subscriptions.find(tx, accountId, id, { lock: true });
    if (subscription === null) {
      throw new NotFoundException(`Subscription ${id} not found`);
    }
    if (subscription.status !== 'active') {
      throw new ConflictException(`Subscription ${id} is ${subscription.status}`);
    }
    return subscription;
  }
}
