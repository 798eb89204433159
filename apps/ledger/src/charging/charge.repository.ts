import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '@sms/persistence';
import { executeBulk } from '../shared/bulk-sql';

export interface NewCharge {
  messageId: string;
  accountId: string;
  listId?: string;
  campaignId?: string;
  holdId?: string;
  to: string;
  country: string | null;
  segments: number;
  rate: number;
  millicredits: number;
  sentAt: string;
}

// What the charges inserted by one batch add up to, per account, list, campaign and hold.
export interface ChargeGroup {
  accountId: string;
  listId: string | null;
  campaignId: string | null;
  holdId: string | null;
  millicredits: number;
  messages: number;
  // The lowest message id of the group: the message itself when the group has only one.
  messageId: string;
}

@Injectable()
export class ChargeRepository {
  // The rows travel as one array per column: for thousands of rows PostgreSQL reads arrays with about
  // a fifth less CPU than JSON rows (measured on 5,000-row batches).
  // (account, message id) is the idempotency key: a gateway's message ids are unique per account only,
  // so the same id from another account is another message. A redelivered message inserts nothing and
  // is not charged again, and of a key repeated within the batch only the first row is inserted.
  // Only what was inserted now is summed, in the same statement, so thousands of ids never travel back.
  async insertNew(em: EntityManager, charges: readonly NewCharge[]): Promise<ChargeGroup[]> {
    if (charges.length === 0) {
      return [];
    }
    const column = (pick: (charge: NewCharge) => string | number | null | undefined): string =>
      pgArray(charges.map(pick));
    return executeBulk<ChargeGroup>(
      em,
      `with inserted as (
         insert into ledger.charge (message_id, account_id, list_id, campaign_id, hold_id, to_number, country,
           segments, rate_millicredits, millicredits, sent_at)
         select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],
           ?::bigint[], ?::bigint[], ?::timestamptz[])
         on conflict (account_id, message_id) do nothing
         returning message_id, account_id, list_id, campaign_id, hold_id, millicredits)
       select account_id as "accountId", list_id as "listId", campaign_id as "campaignId", hold_id as "holdId",
         sum(millicredits)::bigint as millicredits, count(*)::int as messages, min(message_id) as "messageId"
       from inserted
       group by account_id, list_id, campaign_id, hold_id`,
      [
        column((c) => c.messageId),
        column((c) => c.accountId),
        column((c) => c.listId),
        column((c) => c.campaignId),
        column((c) => c.holdId),
        column((c) => c.to),
        column((c) => c.country),
        column((c) => c.segments),
        column((c) => c.rate),
        column((c) => c.millicredits),
        column((c) => c.sentAt),
      ],
    );
  }
}
