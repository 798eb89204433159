import { BadRequestException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@sms/auth';
import { UnitOfWork } from '@sms/persistence';
import { CLOCK, type Clock } from '@sms/runtime';
import type { Order } from '../orders/order';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrderRepository } from '../orders/order.repository';
import { PaymentRepository } from '../payments/payment.repository';
import { SettlementService } from '../settlement/settlement.service';
import { newId } from '../shared/ids';
import { orderReferenceIn, parseStatement, StatementFormatError } from './bank-statement';
import { applyTransfer, formatMinor } from './bank-transfer';
import type {
  BankTransferResult,
  RecordBankTransferDto,
  StatementImportResult,
  StatementRowResult,
} from './bank-transfer.dto';

interface ReceivedTransfer {
  transactionId: string;
  amountMinor: number;
  currency: string;
  receivedAt: string;
}

const WAITING = new Set(['awaiting_payment', 'underpaid']);

// Bank transfers settle only here, by an operator: one transfer recorded by hand, or every line of a
// bank statement. Each transfer is recorded once (by the bank's transaction id), adds to what the
// order received, and the order is paid only when the total covers the amount due.
@Injectable()
export class BankTransfersService {
  private readonly logger = new Logger(BankTransfersService.name);

  constructor(
    private readonly transactions: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly payments: PaymentRepository,
    private readonly settlement: SettlementService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(input: {
    principal: Principal;
    accountId: string;
    orderId: string;
    dto: RecordBankTransferDto;
  }): Promise<BankTransferResult> {
    const { principal, accountId, orderId, dto } = input;
    return this.transactions.run(async (tx) => {
      const order = (await this.orders.lockMany(tx, [orderId])).get(orderId);
      if (order === undefined || order.accountId !== accountId) {
        throw new NotFoundException(`Order ${orderId} not found`);
      }
      return this.apply(tx, order, principal.subject, {
        transactionId: dto.transactionId,
        amountMinor: dto.amountMinor,
        currency: dto.currency,
        receivedAt:
          dto.receivedAt === undefined
            ? this.clock.now().toISOString()
            : new Date(dto.receivedAt).toISOString(),
      });
    });
  }

  // One transaction per line, so a line that fails does not undo the others; every line is reported.
  async importStatement(principal: Principal, csv: string): Promise<StatementImportResult> {
    let rows;
    try {
      rows = parseStatement(csv);
    } catch (error) {
      if (error instanceof StatementFormatError) {
        throw new BadRequestException(`Unreadable bank statement: ${error.message}`);
      }
      throw error;
    }
    const results: StatementRowResult[] = [];
    for (const row of rows) {
      if ('error' in row) {
        results.push({ line: row.line, ...empty('invalid', row.error) });
        continue;
      }
      const reference = orderReferenceIn(row.reference);
      const result = await this.transactions.run(async (tx) => {
        const order = reference === null ? null : await this.orders.findByBankReference(tx, reference);
        if (order === null) {
          return {
            ...empty(
              'unmatched',
              `no order with reference ${reference ?? 'in "' + row.reference.slice(0, 80) + '"'}: match it by hand or return the money`,
            ),
            transactionId: row.transactionId,
            receivedMinor: row.amountMinor,
            currency: row.currency,
          };
        }
        return this.apply(tx, order, principal.subject, {
          transactionId: row.transactionId,
          amountMinor: row.amountMinor,
          currency: row.currency,
          receivedAt: new Date(`${row.bookingDate}T12:00:00Z`).toISOString(),
        });
      });
      results.push({ line: row.line, ...result });
    }
    const summary: Record<string, number> = {};
    for (const result of results) {
      summary[result.outcome] = (summary[result.outcome] ?? 0) + 1;
    }
    this.logger.log({ message: 'bank statement imported', operator: principal.subject, summary });
    return { rows: results, summary };
  }

  private async apply(
    tx: EntityManager,
    order: Order,
    actor: string,
    transfer: ReceivedTransfer,
  ): Promise<BankTransferResult> {
    const about = {
      orderId: order.id,
      transactionId: transfer.transactionId,
      currency: order.currency,
      dueMinor: order.amountMinor,
    };
    // A statement imported again (or overlapping the last one) must not count a transfer twice.
    if (await this.payments.isRecorded(tx, 'bank_transfer', transfer.transactionId)) {
      return duplicate(about, order, transfer);
    }
    if (order.paymentKind !== 'bank_transfer' || !WAITING.has(order.status)) {
      return {
        ...about,
        outcome: 'not_awaiting_payment',
        orderStatus: order.status,
        receivedMinor: order.receivedMinor,
        message: `order ${order.id} is ${order.status} and waits for no transfer: return ${formatMinor(transfer.amountMinor, transfer.currency)} to the sender`,
      };
    }
    if (transfer.currency !== order.currency) {
      return {
        ...about,
        outcome: 'wrong_currency',
        orderStatus: order.status,
        receivedMinor: order.receivedMinor,
        message: `received ${formatMinor(transfer.amountMinor, transfer.currency)} for an order in ${order.currency}: not applied, the order keeps waiting`,
      };
    }
    const recorded = await this.payments.insertReceived(tx, {
      id: newId('pay'),
      orderId: order.id,
      accountId: order.accountId,
      provider: 'bank_transfer',
      paymentMethodId: null,
      amountMinor: transfer.amountMinor,
      currency: transfer.currency,
      providerReference: transfer.transactionId,
      settledAt: transfer.receivedAt,
    });
    if (!recorded) {
      return duplicate(about, order, transfer);
    }
    const received = await this.orders.addReceived(tx, order.id, transfer.amountMinor);
    const result = applyTransfer({
      dueMinor: order.amountMinor,
      receivedBeforeMinor: received - transfer.amountMinor,
      amountMinor: transfer.amountMinor,
    });
    const money = (minor: number) => formatMinor(minor, order.currency);
    const step = { actor, at: transfer.receivedAt };
    if (result.outcome === 'underpaid') {
      const message = `underpaid: received ${money(result.receivedMinor)} of ${money(result.dueMinor)}, ${money(result.shortMinor)} still due`;
      await this.lifecycle.transition(tx, order, 'underpaid', {
        ...step,
        reason: `${message} (transfer ${transfer.transactionId})`,
      });
      return { ...about, outcome: 'underpaid', orderStatus: 'underpaid', receivedMinor: received, message };
    }
    const message =
      result.outcome === 'overpaid'
        ? `paid: received ${money(result.receivedMinor)} for ${money(result.dueMinor)}; ${money(result.excessMinor)} overpaid, to return to the customer`
        : `paid: received ${money(result.receivedMinor)}`;
    await this.settlement.markPaid(tx, order, {
      ...step,
      reason: `${message} (transfer ${transfer.transactionId})`,
    });
    return { ...about, outcome: result.outcome, orderStatus: 'paid', receivedMinor: received, message };
  }
}

function duplicate(
  about: Pick<BankTransferResult, 'orderId' | 'transactionId' | 'currency' | 'dueMinor'>,
  order: Order,
  transfer: ReceivedTransfer,
): BankTransferResult {
  return {
    ...about,
    outcome: 'duplicate',
    orderStatus: order.status,
    receivedMinor: order.receivedMinor,
    message: `transfer ${transfer.transactionId} was recorded before; nothing changed`,
  };
}

function empty(outcome: BankTransferResult['outcome'], message: string): BankTransferResult {
  return {
    outcome,
    message,
    orderId: null,
    transactionId: null,
    orderStatus: null,
    receivedMinor: null,
    dueMinor: null,
    currency: null,
  };
}
