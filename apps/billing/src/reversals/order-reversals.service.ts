import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CreditsReinstated, CreditsReversed, eventEnvelope, type OrderStatusName } from '@sms/contracts';
import { Outbox } from '@sms/messaging';
import { formatMinor } from '../bank-transfers/bank-transfer';
import { CreditNotesService } from '../invoices/credit-notes.service';
import { canTransition, type Order } from '../orders/order';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderRepository } from '../orders/order.repository';
import { PaymentRepository } from '../payments/payment.repository';
import { newId } from '../shared/ids';
import { OrderReversalRepository, type ReversalKind } from './order-reversal.repository';
import { disputeReversal, refundReversal } from './reversal-amounts';
import type { MoneyBack } from './stripe-charge-events';

export type MoneyBackResult = 'applied' | 'duplicate' | 'not_ours';

// What happens to an order when its money goes back:
// - a refund takes back the credits of the refunded part, issues a credit note for it, and leaves the
//   order partially_refunded or refunded;
// - a dispute takes back the credits of the disputed amount when it opens (Stripe withdraws the money
//   then) and the order waits as disputed; won, the credits come back and the order returns to where
//   it was; lost, the order is charged_back and a credit note cancels what was invoiced.
// Credits go back through credits.reversed / credits.reinstated, which the ledger applies once each
// (the balance may go negative) and the notifier turns into an email to the account.
@Injectable()
export class OrderReversalsService {
  private readonly logger = new Logger(OrderReversalsService.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly orders: OrderRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly reversals: OrderReversalRepository,
    private readonly creditNotes: CreditNotesService,
    private readonly outbox: Outbox,
  ) {}

  async apply(tx: EntityManager, moneyBack: MoneyBack, at: string): Promise<MoneyBackResult> {
    const payment = await this.payments.findByReference(tx, 'stripe', moneyBack.paymentIntentId);
    if (payment === null || payment.status !== 'succeeded') {
      // A charge another integration made on the same Stripe account, or one billing never settled.
      this.logger.warn({ message: 'money back for an unknown payment', ...moneyBack });
      return 'not_ours';
    }
    const order = (await this.orders.lockMany(tx, [payment.orderId])).get(payment.orderId) as Order;
    const history = await this.reversals.forOrder(tx, order.id);
    const reversedSoFar = history.reduce((sum, r) => sum + r.millicredits, 0);
    switch (moneyBack.kind) {
      case 'refund': {
        const refundedMinor = Math.min(moneyBack.refundedTotalMinor, order.amountMinor);
        const part = refundedMinor - order.refundedMinor;
        if (part <= 0) {
          return 'duplicate';
        }
        const millicredits = refundReversal({
          order,
          refundedBeforeMinor: order.refundedMinor,
          refundedTotalMinor: refundedMinor,
          reversedSoFarMillicredits: reversedSoFar,
        });
        const reversalId = (await this.record(tx, order, {
          kind: 'refund',
          sourceId: moneyBack.chargeId,
          amountMinor: part,
          millicredits,
        })) as string;
        await this.orders.setRefunded(tx, order.id, refundedMinor);
        const note = await this.creditNotes.issue(tx, {
          order,
          reason: `refund of ${formatMinor(part, order.currency)}`,
          amountMinor: part,
          at,
        });
        await this.move(tx, order, refundedMinor >= order.amountMinor ? 'refunded' : 'partially_refunded', {
          at,
          reason: `refunded ${formatMinor(refundedMinor, order.currency)} of ${formatMinor(order.amountMinor, order.currency)}; credit note ${note.number}`,
        });
        await this.reversed(tx, order, {
          reversalId,
          reason: 'refund',
          millicredits,
          amountMinor: part,
          creditNote: note.number,
          at,
        });
        return 'applied';
      }
      case 'dispute_opened': {
        const millicredits = disputeReversal({
          order,
          disputedMinor: moneyBack.amountMinor,
          reversedSoFarMillicredits: reversedSoFar,
        });
        const reversalId = await this.record(tx, order, {
          kind: 'dispute_opened',
          sourceId: moneyBack.disputeId,
          amountMinor: moneyBack.amountMinor,
          millicredits,
        });
        if (reversalId === null) {
          return 'duplicate';
        }
        await this.move(tx, order, 'disputed', {
          at,
          reason: `card dispute ${moneyBack.disputeId} for ${formatMinor(moneyBack.amountMinor, order.currency)}`,
        });
        await this.reversed(tx, order, {
          reversalId,
          reason: 'dispute_opened',
          millicredits,
          amountMinor: moneyBack.amountMinor,
          creditNote: null,
          at,
        });
        return 'applied';
      }
      case 'dispute_won': {
        const opened = history.find((r) => r.kind === 'dispute_opened' && r.sourceId === moneyBack.disputeId);
        const giveBack = opened?.millicredits ?? 0;
        const reinstatementId = await this.record(tx, order, {
          kind: 'dispute_won',
          sourceId: moneyBack.disputeId,
          amountMinor: moneyBack.amountMinor,
          millicredits: -giveBack,
        });
        if (reinstatementId === null) {
          return 'duplicate';
        }
        const timeline = await this.orders.timeline(tx, order.id);
        const before = timeline.filter((entry) => entry.status === 'disputed').at(-1)?.previousStatus;
        await this.move(tx, order, before ?? 'credited', {
          at,
          reason: `card dispute ${moneyBack.disputeId} won`,
        });
        if (giveBack > 0) {
          await this.outbox.add(tx, CreditsReinstated, [
            {
              ...eventEnvelope(at),
              accountId: order.accountId,
              reinstatementId,
              orderId: order.id,
              reason: 'dispute_won',
              reinstatedMillicredits: giveBack,
              amountMinor: moneyBack.amountMinor,
              currency: order.currency,
            },
          ]);
        }
        return 'applied';
      }
      case 'dispute_lost': {
        // Normally the credits left when the dispute opened; if that event never came, now.
        const opened = history.some((r) => r.kind === 'dispute_opened' && r.sourceId === moneyBack.disputeId);
        const millicredits = opened
          ? 0
          : disputeReversal({
              order,
              disputedMinor: moneyBack.amountMinor,
              reversedSoFarMillicredits: reversedSoFar,
            });
        const reversalId = await this.record(tx, order, {
          kind: 'dispute_lost',
          sourceId: moneyBack.disputeId,
          amountMinor: moneyBack.amountMinor,
          millicredits,
        });
        if (reversalId === null) {
          return 'duplicate';
        }
        const note = await this.creditNotes.issue(tx, {
          order,
          reason: `card dispute ${moneyBack.disputeId} lost (${formatMinor(moneyBack.amountMinor, order.currency)})`,
          amountMinor: moneyBack.amountMinor,
          at,
        });
        await this.move(tx, order, 'charged_back', {
          at,
          reason: `card dispute ${moneyBack.disputeId} lost; credit note ${note.number}`,
        });
        await this.reversed(tx, order, {
          reversalId,
          reason: 'dispute_lost',
          millicredits,
          amountMinor: moneyBack.amountMinor,
          creditNote: note.number,
          at,
        });
        return 'applied';
      }
    }
  }

  // The id of the recorded step (the reversal's idempotency key downstream), or null when this dispute
  // step was recorded before.
  private async record(
    tx: EntityManager,
    order: Order,
    step: { kind: ReversalKind; sourceId: string; amountMinor: number; millicredits: number },
  ): Promise<string | null> {
    const id = newId('rev');
    const inserted = await this.reversals.insert(tx, {
      id,
      orderId: order.id,
      accountId: order.accountId,
      ...step,
    });
    return inserted ? id : null;
  }

  // The order's status follows its money where its state machine allows (a refund of an order under
  // dispute, say, is recorded without moving it).
  private async move(
    tx: EntityManager,
    order: Order,
    to: OrderStatusName,
    step: { at: string; reason: string },
  ): Promise<void> {
    if (canTransition(order.status, to)) {
      await this.lifecycle.transition(tx, order, to, { actor: 'stripe', ...step });
    } else {
      await this.orders.appendTimeline(tx, {
        orderId: order.id,
        status: order.status,
        previousStatus: order.status,
        reason: step.reason,
        actor: 'stripe',
        at: step.at,
      });
    }
  }

  private async reversed(
    tx: EntityManager,
    order: Order,
    input: {
      reversalId: string;
      reason: 'refund' | 'dispute_opened' | 'dispute_lost';
      millicredits: number;
      amountMinor: number;
      creditNote: string | null;
      at: string;
    },
  ): Promise<void> {
    await this.outbox.add(tx, CreditsReversed, [
      {
        ...eventEnvelope(input.at),
        accountId: order.accountId,
        reversalId: input.reversalId,
        orderId: order.id,
        reason: input.reason,
        reversedMillicredits: input.millicredits,
        amountMinor: input.amountMinor,
        currency: order.currency,
        creditNoteNumber: input.creditNote,
      },
    ]);
  }
}
