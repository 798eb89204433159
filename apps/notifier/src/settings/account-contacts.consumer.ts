import { Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { AccountContactsUpdated, type AccountContactsUpdatedEvent } from '@sms/contracts';
import { BatchHandler, type BatchOutcome, type InboundEvent, type Rejection } from '@sms/messaging';
import { UnitOfWork } from '@sms/persistence';
import { AccountContactsRepository } from './account-contacts.repository';

@Injectable()
export class AccountContactsConsumer {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly contacts: AccountContactsRepository,
  ) {}

  @BatchHandler(AccountContactsUpdated, { maxBatchSize: 500 })
  async handle(events: InboundEvent<AccountContactsUpdatedEvent>[]): Promise<BatchOutcome> {
    const rejected: Rejection[] = [];
    const valid = events.filter((event) => {
      if (IANAZone.isValidZone(event.payload.timeZone)) {
        return true;
      }
      rejected.push({ event, reason: `timeZone ${event.payload.timeZone} is not an IANA time zone` });
      return false;
    });
    await this.unitOfWork.run((tx) =>
      this.contacts.apply(
        tx,
        valid.map((event) => event.payload),
      ),
    );
    return { rejected };
  }
}
