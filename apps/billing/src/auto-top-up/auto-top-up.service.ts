import { ConflictException, Inject, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AutoTopUpFailed,
  type BalanceLowEvent,
  BalanceMonitorsConfigured,
  CREDIT_SCALE,
  eventEnvelope,
  type PaymentFailedEvent,
} from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import { isExpired } from '../payment-methods/test-cards';
import { PaymentMethodsService } from '../payment-methods/payment-methods.service';
import { PriceListRepository } from '../pricing/price-list.repository';
import { InvalidQuantityError, priceCredits } from '../pricing/tier-pricing';
import { BillingProfilesService } from '../profiles/billing-profiles.service';
import type { Order } from '../orders/order';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderRepository } from '../orders/order.repository';
import type { PutAutoTopUpDto } from './auto-top-up.dto';
import {
  AutoTopUpRepository,
  AutoTopUpSettings,
  type AutoTopUpView,
  disabledAutoTopUp,
} from './auto-top-up.repository';
import { belowThreshold, topUpCredits } from './top-up-size';
import { toWholeCredits } from '../shared/credit-units';

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

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
      const switchedOn = dto.enabled && previous?.enabled !== true;
      const saved = await this.settings.save(tx, {
        accountId,
        enabled: dto.enabled,
        thresholdCredits: toWholeCredits(dto.thresholdMillicredits),
        creditsToAdd: toWholeCredits(dto.topUpMillicredits),
        paymentMethodId: dto.paymentMethodId,
        maxRechargesPer30Days: dto.maxRechargesPer30Days,
        state: switchedOn || previous === null ? 'armed' : previous.state,
        armedAt: switchedOn || previous === null ? this.clock.now().toISOString() : previous.armedAt,
        currentOrderId: previous?.currentOrderId ?? null,
        disabledReason: dto.enabled ? null : (previous?.disabledReason ?? 'turned off'),
      });
      await this.announceMonitor(tx, saved);
      return saved;
    });
  }

  // One charge per dip: only an armed rule charges, and charging disarms it until the balance recovers
  // or the top-up is credited. A balance.low older than the arming belongs to a dip already handled.
  async onBalanceLow(tx: EntityManager, event: BalanceLowEvent): Promise<void> {
    const settings = await this.settings.find(tx, event.accountId, { lock: true });
    if (settings === null || !settings.enabled || settings.state !== 'armed') {
      return;
    }
    if (Date.parse(event.occurredAt) < Date.parse(settings.armedAt)) {
      return;
    }
    if (
      !belowThreshold({
        balanceMillicredits: event.balanceMillicredits,
        thresholdCredits: settings.thresholdCredits,
      })
    ) {
      return;
    }
    await this.charge(tx, settings);
  }

  // The balance is back above the threshold: the next dip may charge again, unless a top-up is still
  // being charged (it counts for the dip it was started for).
  async onBalanceRecovered(tx: EntityManager, accountId: string, occurredAt: string): Promise<void> {
    const settings = await this.settings.find(tx, accountId, { lock: true });
    if (settings === null || settings.state === 'armed') {
      return;
    }
    if (settings.state === 'in_flight' && settings.currentOrderId !== null) {
      const inFlight = (await this.orders.lockMany(tx, [settings.currentOrderId])).get(
        settings.currentOrderId,
      );
      if (inFlight !== undefined && (inFlight.status === 'awaiting_payment' || inFlight.status === 'paid')) {
        return;
      }
    }
    await this.settings.save(tx, { ...settings, state: 'armed', armedAt: occurredAt, currentOrderId: null });
  }

  // A top-up landed. When the balance after it is still below the threshold the dip is deeper than
  // one recharge: the next one follows at once (the ledger's monitor stays below its level, so no new
  // balance.low would come), subject to the 30-day limit like any other.
  async onCredited(
    tx: EntityManager,
    order: Order,
    applied: { occurredAt: string; balanceMillicredits: number },
  ): Promise<void> {
    const settings = await this.settings.find(tx, order.accountId, { lock: true });
    if (settings?.currentOrderId !== order.id) {
      return;
    }
    const armed = await this.settings.save(tx, {
      ...settings,
      state: 'armed',
      armedAt: applied.occurredAt,
      currentOrderId: null,
    });
    if (
      armed.enabled &&
      belowThreshold({
        balanceMillicredits: applied.balanceMillicredits,
        thresholdCredits: armed.thresholdCredits,
      })
    ) {
      await this.charge(tx, armed);
    }
  }

  // Places one automatic recharge of the configured size, or tells the owner the 30-day limit stops it.
  private async charge(tx: EntityManager, settings: AutoTopUpSettings): Promise<void> {
    const accountId = settings.accountId;
    const now = this.clock.now();
    const recent = await this.orders.countAutoTopUpsSince(
      tx,
      accountId,
      new Date(now.getTime() - THIRTY_DAYS_MS).toISOString(),
    );
    if (recent >= settings.maxRechargesPer30Days) {
      await this.settings.save(tx, { ...settings, state: 'limit_reached' });
      await this.announceFailure(tx, settings, {
        kind: 'limit_reached',
        reason: `Auto top-up skipped: ${recent} automatic recharges in the last 30 days (limit ${settings.maxRechargesPer30Days})`,
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
    await this.settings.save(tx, { ...settings, state: 'in_flight', currentOrderId: order.id });
  }

  // A refused card switches auto top-up off until the customer updates the card [001][003].
  async onPaymentFailed(tx: EntityManager, order: Order, failure: PaymentFailedEvent): Promise<void> {
    const settings = await this.settings.find(tx, order.accountId, { lock: true });
    if (settings === null || settings.currentOrderId !== order.id) {
      return;
    }
    const disabled = await this.settings.save(tx, {
      ...settings,
      enabled: false,
      state: 'armed',
      currentOrderId: null,
      disabledReason: `payment failed: ${failure.code}`,
    });
    await this.announceMonitor(tx, disabled);
    const recent = await this.orders.countAutoTopUpsSince(
      tx,
      order.accountId,
      new Date(this.clock.now().getTime() - THIRTY_DAYS_MS).toISOString(),
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
        levelsMillicredits: settings.enabled ? [settings.thresholdCredits * CREDIT_SCALE] : [],
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
