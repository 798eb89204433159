import { ConflictException, Inject, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AutoTopUpFailed,
  type BalanceLowEvent,
  BalanceMonitorsConfigured,
  eventEnvelope,
  type PaymentFailedEvent,
} from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { isExpired } from '../payment-methods/test-cards';
import { PaymentMethodsService } from '../payment-methods/payment-methods.service';
import { PriceListRepository } from '../price-lists/price-list.repository';
import { InvalidQuantityError, priceCredits } from '../pricing/tier-pricing';
import { BillingProfilesService } from '../profiles/billing-profiles.service';
import type { Order } from '../orders/order';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderRepository } from '../orders/order.repository';
import type { PutAutoTopUpDto } from './auto-top-up.dto';
import { AutoTopUpRepository } from './auto-top-up.repository';
import {
  afterCredited,
  type AutoTopUpSettings,
  type AutoTopUpView,
  chargeInFlight,
  chargesOnBalanceLow,
  disabledAutoTopUp,
  inFlightOrderId,
  limitReached,
  limitReachedReason,
  monitorLevelsMillicredits,
  offAfterDecline,
  rearmOnRecovery,
  rechargeAllowed,
  rechargeWindowStart,
  settingsAfterSave,
} from './auto-top-up-state';
import { topUpCredits } from './top-up-size';
import { toWholeCredits } from '../shared/credit-units';

@Injectable()
export class AutoTopUpService {
  private readonly logger = new Logger(AutoTopUpService.name);

  constructor(
    private readonly transactions: UnitOfWork,
    private readonly settings: AutoTopUpRepository,
    private readonly methods: PaymentMethodsService,
    private readonly priceLists: PriceListRepository,
    private readonly profiles: BillingProfilesService,
    private readonly orders: OrderRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(accountId: string): Promise<AutoTopUpView> {
    const found = await this.transactions.run((tx) => this.settings.find(tx, accountId, { lock: false }));
    return found ?? disabledAutoTopUp(accountId);
  }

  // Saving the settings registers the threshold with the ledger (balance-monitors.configured), which
  // answers with balance.low when the balance crosses below it.
  async put(accountId: string, dto: PutAutoTopUpDto): Promise<AutoTopUpSettings> {
    return this.transactions.run(async (tx) => {
      const profile = await this.profiles.require(tx, accountId);
      const list = await this.priceLists.find(tx, profile.currency);
      try {
        priceCredits(list as NonNullable<typeof list>, toWholeCredits(dto.topUpMillicredits));
      } catch (error) {
        if (error instanceof InvalidQuantityError) {
          throw new UnprocessableEntityException(`topUpMillicredits ${error.message}`);
        }
        throw error;
      }
      const method = await this.methods.requireActive(tx, accountId, dto.paymentMethodId);
      if (dto.enabled && method.failedAt !== null) {
        throw new ConflictException(
          `Card •••• ${method.last4} was refused (${method.failureCode}); update it before turning auto top-up on`,
        );
      }
      if (dto.enabled && isExpired(method, this.clock.now())) {
        throw new ConflictException(`Card •••• ${method.last4} has expired; update it first`);
      }
      const previous = await this.settings.find(tx, accountId, { lock: true });
      const saved = await this.settings.save(
        tx,
        settingsAfterSave({
          previous,
          saved: {
            accountId,
            enabled: dto.enabled,
            thresholdCredits: toWholeCredits(dto.thresholdMillicredits),
            creditsToAdd: toWholeCredits(dto.topUpMillicredits),
            paymentMethodId: dto.paymentMethodId,
            maxRechargesPer30Days: dto.maxRechargesPer30Days,
          },
          now: this.clock.now(),
        }),
      );
      await this.announceMonitor(tx, saved);
      return saved;
    });
  }

  // Charging disarms the rule until the balance recovers or the top-up is credited.
  async onBalanceLow(tx: EntityManager, event: BalanceLowEvent): Promise<void> {
    const settings = await this.settings.find(tx, event.accountId, { lock: true });
    if (chargesOnBalanceLow(settings, event)) {
      await this.charge(tx, settings);
    }
  }

  async onBalanceRecovered(tx: EntityManager, accountId: string, occurredAt: string): Promise<void> {
    const settings = await this.settings.find(tx, accountId, { lock: true });
    if (settings === null || settings.state === 'armed') {
      return;
    }
    const orderId = inFlightOrderId(settings);
    const inFlight = orderId === null ? undefined : (await this.orders.lockMany(tx, [orderId])).get(orderId);
    const rearmed = rearmOnRecovery(settings, {
      occurredAt,
      inFlightOrderStatus: inFlight?.status ?? null,
    });
    if (rearmed !== null) {
      await this.settings.save(tx, rearmed);
    }
  }

  // A top-up landed; a dip deeper than one recharge gets the next one at once, subject to the 30-day
  // limit like any other.
  async onCredited(
    tx: EntityManager,
    order: Order,
    applied: { occurredAt: string; balanceMillicredits: number },
  ): Promise<void> {
    const settings = await this.settings.find(tx, order.accountId, { lock: true });
    const next = afterCredited(settings, { orderId: order.id, ...applied });
    if (next === null) {
      return;
    }
    const armed = await this.settings.save(tx, next.settings);
    if (next.chargeAgain) {
      await this.charge(tx, armed);
    }
  }

  // Places one automatic recharge of the configured size, or tells the owner the 30-day limit stops it.
  private async charge(tx: EntityManager, settings: AutoTopUpSettings): Promise<void> {
    const accountId = settings.accountId;
    const recent = await this.orders.countAutoTopUpsSince(
      tx,
      accountId,
      rechargeWindowStart(this.clock.now()).toISOString(),
    );
    if (!rechargeAllowed(settings, recent)) {
      await this.settings.save(tx, limitReached(settings));
      await this.announceFailure(tx, settings, {
        kind: 'limit_reached',
        reason: limitReachedReason(settings, recent),
        disabled: false,
        recent,
      });
      return;
    }
    const profile = await this.profiles.require(tx, accountId);
    const list = await this.priceLists.find(tx, profile.currency);
    if (list === null) {
      this.logger.error({ message: 'no price list for auto top-up', accountId });
      return;
    }
    const credits = topUpCredits({
      configuredCredits: settings.creditsToAdd,
      purchaseStep: list.purchaseStep,
    });
    const price = priceCredits(list, credits);
    const order = await this.lifecycle.placeSystemOrder(tx, {
      accountId,
      kind: 'auto_topup',
      credits,
      amountMinor: price.amountMinor,
      currency: list.currency,
      tierMinCredits: price.tier.minCredits,
      paymentMethodId: settings.paymentMethodId,
      subscriptionId: null,
      actor: 'auto-top-up',
      reason: 'Auto top-up',
    });
    await this.settings.save(tx, chargeInFlight(settings, order.id));
  }

  // A refused card switches auto top-up off until the customer updates the card [001][003].
  async onPaymentFailed(tx: EntityManager, order: Order, failure: PaymentFailedEvent): Promise<void> {
    const settings = await this.settings.find(tx, order.accountId, { lock: true });
    const off = offAfterDecline(settings, { orderId: order.id, code: failure.code });
    if (settings === null || off === null) {
      return;
    }
    const disabled = await this.settings.save(tx, off);
    await this.announceMonitor(tx, disabled);
    const recent = await this.orders.countAutoTopUpsSince(
      tx,
      order.accountId,
      rechargeWindowStart(this.clock.now()).toISOString(),
    );
    await this.announceFailure(tx, settings, {
      kind: 'payment_failed',
      reason: `${failure.reason} Auto top-up is off until the card is updated.`.slice(0, 500),
      disabled: true,
      recent,
    });
  }

  private async announceMonitor(tx: EntityManager, settings: AutoTopUpSettings): Promise<void> {
    await this.outbox.add(tx, BalanceMonitorsConfigured, [
      {
        ...eventEnvelope(this.clock.now()),
        accountId: settings.accountId,
        purpose: 'auto_topup',
        levelsMillicredits: monitorLevelsMillicredits(settings),
      },
    ]);
  }

  private async announceFailure(
    tx: EntityManager,
    settings: AutoTopUpSettings,
    failure: { kind: 'payment_failed' | 'limit_reached'; reason: string; disabled: boolean; recent: number },
  ): Promise<void> {
    await this.outbox.add(tx, AutoTopUpFailed, [
      {
        ...eventEnvelope(this.clock.now()),
        accountId: settings.accountId,
        kind: failure.kind,
        reason: failure.reason,
        disabled: failure.disabled,
        rechargesInLast30Days: failure.recent,
        maxRechargesPer30Days: settings.maxRechargesPer30Days,
      },
    ]);
  }
}
