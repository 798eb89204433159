import { createHash, randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@sms/auth';
import { CREDIT_SCALE, OrderApprovalRequested } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { CLOCK, type Clock, decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '@sms/runtime';
import { UnitOfWork } from '@sms/persistence';
import { BILLING_CONFIG, BillingConfig } from '../config/billing.config';
import { PaymentMethodsService } from '../payment-methods/payment-methods.service';
import { PricingService } from '../pricing/pricing.service';
import { BillingProfilesService } from '../profiles/billing-profiles.service';
import { newId } from '../shared/ids';
import type { CreateOrderDto } from './create-order.dto';
import { isCancellable, Order, TimelineEntry } from './order';
import { OrderLifecycle } from './order-lifecycle';
import { bankReference, mayDecide, orderParties, scheduledInstant } from './order-request';
import { OrderRepository } from './order.repository';
import { toWholeCredits } from '../shared/credit-units';

export interface BankTransferDetails {
  beneficiary: string;
  iban: string;
  bic: string;
  reference: string;
  amountMinor: number;
  currency: string;
}

export interface OrderView extends Order {
  bankTransfer: BankTransferDetails | null;
  timeline: TimelineEntry[];
}

@Injectable()
export class OrdersService {
  constructor(
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
    private readonly transactions: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly pricing: PricingService,
    private readonly profiles: BillingProfilesService,
    private readonly methods: PaymentMethodsService,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // The same idempotency key twice gives back the first order (created: false) instead of a second.
  async create(input: {
    principal: Principal;
    accountId: string;
    dto: CreateOrderDto;
    idempotencyKey: string | null;
  }): Promise<{ order: OrderView; created: boolean }> {
    const { principal, accountId, dto, idempotencyKey } = input;
    const requestHash = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
    const result = await this.transactions.run(async (tx) => {
      if (idempotencyKey !== null) {
        const existing = await this.replay(tx, accountId, idempotencyKey, requestHash);
        if (existing !== null) {
          return { order: existing, created: false };
        }
      }
      const profile = await this.profiles.require(tx, accountId);
      const priced = await this.pricing.price(tx, {
        currency: profile.currency,
        credits: dto.amountMillicredits === undefined ? undefined : toWholeCredits(dto.amountMillicredits),
        pack: dto.pack,
      });
      if (dto.paymentKind === 'card') {
        await this.methods.requireActive(tx, accountId, dto.paymentMethodId as string);
      }
      const parties = orderParties({
        subject: principal.subject,
        requester: dto.requester,
        approver: dto.approver,
      });
      if ('error' in parties) {
        throw new BadRequestException(parties.error);
      }
      const { requester, approver } = parties;
      const scheduledFor =
        dto.scheduledFor === undefined ? null : scheduledInstant(dto.scheduledFor, profile.timeZone);
      if (dto.scheduledFor !== undefined && scheduledFor === null) {
        throw new BadRequestException(`scheduledFor ${dto.scheduledFor} is not a valid date`);
      }
      const id = newId('ord');
      const order = await this.lifecycle.insert(
        tx,
        {
          id,
          accountId,
          kind: 'one_time',
          credits: priced.credits,
          amountMinor: priced.amountMinor,
          currency: priced.currency,
          tierMinCredits: priced.tier?.minCredits ?? null,
          packCode: priced.pack,
          paymentKind: dto.paymentKind,
          paymentMethodId: dto.paymentKind === 'card' ? (dto.paymentMethodId as string) : null,
          bankReference: dto.paymentKind === 'bank_transfer' ? bankReference(id) : null,
          scheduledFor,
          requester,
          approver,
          subscriptionId: null,
          idempotencyKey,
          requestHash,
        },
        principal.subject,
      );
      if (order === null) {
        // A concurrent request with the same key won the insert.
        throw new ConflictException('An order with this Idempotency-Key is being created; retry');
      }
      const now = this.clock.now().toISOString();
      if (approver !== null) {
        const waiting = await this.lifecycle.transition(tx, order, 'awaiting_approval', {
          actor: principal.subject,
          reason: `waiting for ${approver.email}`,
        });
        await this.outbox.add(tx, OrderApprovalRequested, [
          {
            schemaVersion: 2,
            eventId: randomUUID(),
            occurredAt: now,
            accountId,
            orderId: order.id,
            amountMillicredits: order.credits * CREDIT_SCALE,
            amountMinor: order.amountMinor,
            currency: order.currency,
            requester: { name: requester.name, email: requester.email as string },
            approver,
          },
        ]);
        return { order: await this.view(tx, waiting), created: true };
      }
      const moved = await this.lifecycle.proceed(tx, order, { actor: principal.subject, now });
      return { order: await this.view(tx, moved), created: true };
    });
    return result;
  }

  async approve(principal: Principal, accountId: string, orderId: string): Promise<OrderView> {
    return this.transactions.run(async (tx) => {
      const order = await this.lockForDecision(tx, principal, accountId, orderId);
      const approved = await this.lifecycle.transition(tx, order, 'approved', { actor: principal.subject });
      const moved = await this.lifecycle.proceed(tx, approved, {
        actor: principal.subject,
        now: this.clock.now().toISOString(),
      });
      return this.view(tx, moved);
    });
  }

  async decline(
    principal: Principal,
    accountId: string,
    orderId: string,
    reason?: string,
  ): Promise<OrderView> {
    return this.transactions.run(async (tx) => {
      const order = await this.lockForDecision(tx, principal, accountId, orderId);
      const declined = await this.lifecycle.transition(tx, order, 'declined', {
        actor: principal.subject,
        reason: reason ?? 'declined by the approver',
      });
      return this.view(tx, declined);
    });
  }

  async cancel(principal: Principal, accountId: string, orderId: string): Promise<OrderView> {
    return this.transactions.run(async (tx) => {
      const order = await this.lock(tx, accountId, orderId);
      if (!isCancellable(order)) {
        throw new ConflictException(`Order ${orderId} is ${order.status} and can no longer be cancelled`);
      }
      const cancelled = await this.lifecycle.transition(tx, order, 'cancelled', {
        actor: principal.subject,
        reason: 'cancelled by the customer',
      });
      return this.view(tx, cancelled);
    });
  }

  async show(accountId: string, orderId: string): Promise<OrderView> {
    return this.transactions.run(async (tx) => {
      const order = await this.orders.find(tx, accountId, orderId);
      if (order === null) {
        throw new NotFoundException(`Order ${orderId} not found`);
      }
      return this.view(tx, order);
    });
  }

  async list(query: { accountId: string; cursor?: string; limit?: number }): Promise<Page<Order>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const key = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['number', 'string']);
    const rows = await this.transactions.run((tx) =>
      this.orders.list(tx, {
        accountId: query.accountId,
        after: key === undefined ? undefined : { createdMicros: key[0] as number, id: key[1] as string },
        limit: limit + 1,
      }),
    );
    const page = toPage(rows, limit, (row) => row.key);
    return { ...page, items: page.items.map((row) => row.order) };
  }

  // Places every scheduled order whose date has come by asOf.
  async placeDueScheduled(asOf: string): Promise<number> {
    let placed = 0;
    for (;;) {
      const batch = await this.transactions.run(async (tx) => {
        const due = await this.orders.lockDueScheduled(tx, asOf, 100);
        for (const order of due) {
          await this.lifecycle.place(tx, order, 'scheduler');
        }
        return due.length;
      });
      placed += batch;
      if (batch < 100) {
        return placed;
      }
    }
  }

  private async replay(
    tx: EntityManager,
    accountId: string,
    key: string,
    requestHash: string,
  ): Promise<OrderView | null> {
    const existing = await this.orders.findByIdempotencyKey(tx, accountId, key);
    if (existing === null) {
      return null;
    }
    if (existing.requestHash !== requestHash) {
      throw new UnprocessableEntityException('This Idempotency-Key was used for a different request');
    }
    return this.view(tx, existing.order);
  }

  private async lock(tx: EntityManager, accountId: string, orderId: string): Promise<Order> {
    const order = (await this.orders.lockMany(tx, [orderId])).get(orderId);
    if (order === undefined || order.accountId !== accountId) {
      throw new NotFoundException(`Order ${orderId} not found`);
    }
    return order;
  }

  // Only the named approver decides (operators may act for them).
  private async lockForDecision(
    tx: EntityManager,
    principal: Principal,
    accountId: string,
    orderId: string,
  ): Promise<Order> {
    const order = await this.lock(tx, accountId, orderId);
    if (order.status !== 'awaiting_approval' || order.approver === null) {
      throw new ConflictException(`Order ${orderId} is ${order.status}, not awaiting approval`);
    }
    if (!mayDecide(principal, order.approver)) {
      throw new ForbiddenException(`Only ${order.approver.email} may decide on order ${orderId}`);
    }
    return order;
  }

  private async view(tx: EntityManager, order: Order): Promise<OrderView> {
    return {
      ...order,
      bankTransfer:
        order.paymentKind === 'bank_transfer'
          ? {
              beneficiary: this.config.BANK_BENEFICIARY,
              iban: this.config.BANK_IBAN,
              bic: this.config.BANK_BIC,
              reference: order.bankReference as string,
              amountMinor: order.amountMinor,
              currency: order.currency,
            }
          : null,
      timeline: await this.orders.timeline(tx, order.id),
    };
  }
}
