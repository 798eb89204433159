import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { assertAccountAccess, type Principal } from '@sms/auth';
import type { DeliveryRecord, DeliveryStatus } from './delivery';
import { DeliveryRepository } from './delivery.repository';
import { DeliverySender } from './delivery-sender';
import type { NoticeKind } from '../templates/notice-kind';

const DEFAULT_PAGE = 50;

@Injectable()
export class DeliveryLogService {
  constructor(
    private readonly em: EntityManager,
    private readonly repository: DeliveryRepository,
    private readonly sender: DeliverySender,
  ) {}

  async page(filter: {
    accountId?: string;
    status?: DeliveryStatus;
    kind?: NoticeKind;
    before?: string;
    limit?: number;
  }): Promise<{ items: DeliveryRecord[]; nextBefore: string | null }> {
    const limit = filter.limit ?? DEFAULT_PAGE;
    const items = await this.repository.list(this.em, { ...filter, limit });
    return { items, nextBefore: items.length === limit ? items[items.length - 1].id : null };
  }

  // Puts a failed email back in the queue (owners and admins of its account, or operators).
  async resend(id: string, principal: Principal): Promise<DeliveryRecord> {
    const existing = await this.repository.find(this.em, id);
    if (!existing) {
      throw new NotFoundException(`No delivery ${id}`);
    }
    assertAccountAccess(principal, existing.accountId);
    const requeued = await this.repository.requeueFailed(this.em, id);
    if (!requeued) {
      throw new ConflictException(`Delivery ${id} is ${existing.status}; only a failed email can be resent`);
    }
    this.sender.nudge();
    return requeued;
  }
}
