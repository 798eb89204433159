import { Injectable } from '@nestjs/common';
import {
  BalanceDepleted,
  type BalanceDepletedEvent,
  BalanceLow,
  type BalanceLowEvent,
  BalanceRecovered,
  type BalanceRecoveredEvent,
} from '@sms/contracts';
import { BatchHandler, type BatchOutcome, type InboundEvent } from '@sms/messaging';
import { localDate } from './local-date';
import { LowBalanceStateRepository } from './low-balance-state.repository';
import { NoticeComposer } from './notice-composer';
import { NoticeIntake } from './notice-intake.service';
import { depletedModel, lowBalanceModel } from './notice-models';

// balance.low / balance.recovered carry a purpose: the notifier's own monitors are
// 'low_balance_notice'; 'auto_topup' ones belong to billing and are none of our business.
const ours = <T extends { purpose: string }>(events: InboundEvent<T>[]): InboundEvent<T>[] =>
  events.filter((event) => event.payload.purpose === 'low_balance_notice');

@Injectable()
export class BalanceEventsConsumer {
  constructor(
    private readonly intake: NoticeIntake,
    private readonly composer: NoticeComposer,
    private readonly states: LowBalanceStateRepository,
  ) {}

  @BatchHandler(BalanceLow, { maxBatchSize: 500 })
  onBalanceLow(events: InboundEvent<BalanceLowEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(ours(events), async (known, tx) => {
      await this.states.apply(
        tx,
        known.map(({ payload, settings }) => ({
          accountId: payload.accountId,
          levelMillicredits: payload.levelMillicredits,
          below: true,
          changedAt: payload.occurredAt,
          balanceMillicredits: payload.balanceMillicredits,
          estimatedSmsLeft: payload.estimatedSmsLeft,
          noticeDate: localDate(payload.occurredAt, settings.timeZone),
        })),
      );
      return this.composer.toGroup('low_balance', 'lowBalance', lowBalanceModel)(known);
    });
  }

  @BatchHandler(BalanceRecovered, { maxBatchSize: 500 })
  onBalanceRecovered(events: InboundEvent<BalanceRecoveredEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(ours(events), async (known, tx) => {
      await this.states.apply(
        tx,
        known.map(({ payload }) => ({
          accountId: payload.accountId,
          levelMillicredits: payload.levelMillicredits,
          below: false,
          changedAt: payload.occurredAt,
          balanceMillicredits: payload.balanceMillicredits,
          estimatedSmsLeft: payload.estimatedSmsLeft,
          noticeDate: null,
        })),
      );
      return [];
    });
  }

  @BatchHandler(BalanceDepleted, { maxBatchSize: 500 })
  onBalanceDepleted(events: InboundEvent<BalanceDepletedEvent>[]): Promise<BatchOutcome> {
    return this.intake.handle(events, this.composer.toGroup('depleted', 'depleted', depletedModel));
  }
}
