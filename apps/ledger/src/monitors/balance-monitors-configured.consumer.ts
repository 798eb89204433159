import { Injectable } from '@nestjs/common';
import { BalanceMonitorsConfigured } from '@sms/contracts';
import type { BalanceMonitorsConfiguredEvent } from '@sms/contracts';
import { BatchHandler, InboundEvent } from '@sms/messaging';
import { MonitorsService } from './monitors.service';

@Injectable()
export class BalanceMonitorsConfiguredConsumer {
  constructor(private readonly monitors: MonitorsService) {}

  @BatchHandler(BalanceMonitorsConfigured, { maxBatchSize: 500 })
  async handle(events: InboundEvent<BalanceMonitorsConfiguredEvent>[]): Promise<void> {
    await this.monitors.configure(events);
  }
}
