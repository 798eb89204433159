import { Injectable } from '@nestjs/common';
import {
  BalanceLow,
  BalanceRecovered,
  type BalanceLowEvent,
  type BalanceRecoveredEvent,
} from '@sms/contracts';
import { BatchHandler, Inbox, InboundEvent } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { AutoTopUpService } from './auto-top-up.service';

// Reacts to the ledger's auto top-up monitor only; low-balance notices are the notifier's business.
@Injectable()
export class BalanceLevelConsumer {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly inbox: Inbox,
    private readonly autoTopUp: AutoTopUpService,
  ) {}

  @BatchHandler(BalanceLow, { maxBatchSize: 500 })
  async low(events: InboundEvent<BalanceLowEvent>[]): Promise<void> {
    const mine = chronological(events.map((e) => e.payload).filter((p) => p.purpose === 'auto_topup'));
    if (mine.length === 0) {
      return;
    }
    await this.transactions.run(async (tx) => {
      const fresh = await this.inbox.claim(
        tx,
        'balance.low',
        mine.map((p) => p.eventId),
      );
      for (const event of mine) {
        if (fresh.delete(event.eventId)) {
          await this.autoTopUp.onBalanceLow(tx, event);
        }
      }
    });
  }

  @BatchHandler(BalanceRecovered, { maxBatchSize: 500 })
  async recovered(events: InboundEvent<BalanceRecoveredEvent>[]): Promise<void> {
    const mine = chronological(events.map((e) => e.payload).filter((p) => p.purpose === 'auto_topup'));
    if (mine.length === 0) {
      return;
    }
    await this.transactions.run(async (tx) => {
      for (const event of mine) {
        await this.autoTopUp.onBalanceRecovered(tx, event.accountId, event.occurredAt);
      }
    });
  }
}

function chronological<T extends { occurredAt: string }>(events: T[]): T[] {
  return [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}
