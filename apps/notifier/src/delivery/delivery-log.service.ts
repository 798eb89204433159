import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { assertAccountAccess, type Principal } from '@sms/auth';
import { DEFAULT_PAGE_SIZE, decodeCursor, type Page, toPage } from '@sms/runtime';
import type { DeliveryRecord, DeliveryStatus } from './delivery';
import { DeliveryRepository } from './delivery.repository';
import { DeliverySender } from './delivery-sender';
import type { NoticeKind } from '../templates/notice-kind';

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
    cursor?: string;
    limit?: number;
  }): Promise<Page<DeliveryRecord>> {
    const { cursor, limit = DEFAULT_PAGE_SIZE, ...rest } = filter;
    const before = cursor === undefined ? undefined : String(decodeCursor(cursor, ['number'])[0]);
    const rows = await this.repository.list(this.em, { ...rest, before, limit: limit + 1 });
    return toPage(rows, limit, (row) => [Number(row.id)]);
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
