import { Injectable } from '@nestjs/common';
import { CreditsGranted } from '@sms/contracts';
import type { CreditsGrantedEvent } from '@sms/contracts';
import { BatchHandler, InboundEvent } from '@sms/messaging';
import { GrantsService } from './grants.service';

@Injectable()
export class CreditsGrantedConsumer {
  constructor(private readonly grants: GrantsService) {}

  @BatchHandler(CreditsGranted, { maxBatchSize: 500 })
  async handle(events: InboundEvent<CreditsGrantedEvent>[]): Promise<void> {
    await this.grants.applyGrants(events);
  }
}
