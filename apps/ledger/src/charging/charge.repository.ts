import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows } from '@sms/persistence';
import { executeBulk } from '../shared/bulk-sql';

export interface NewCharge {
  messageId: string;
  accountId: string;
  listId: string | null;
  campaignId: string | null;
  holdId: string | null;
  to: string;
  country: string | null;
  segments: number;
  rate: number;
  millicredits: number;
  sentAt: string;
}

@Injectable()
export class ChargeRepository {
  // json (not jsonb) parses once, without building a binary document: measurably faster for one pass.
  // The unique message id is the idempotency key: a redelivered message inserts nothing and is not
  // charged again. Returns the ids inserted now.
  async insertNew(em: EntityManager, charges: readonly NewCharge[]): Promise<Set<string>> {
    if (charges.length === 0) {
      return new Set();
    }
    const rows = await executeBulk<{ message_id: string }>(
      em,
      `insert into ledger.charge (message_id, account_id, list_id, campaign_id, hold_id, to_number, country,
         segments, rate_millicredits, millicredits, sent_at)
       select r."messageId", r."accountId", r."listId", r."campaignId", r."holdId", r."to", r.country,
         r.segments, r.rate, r.millicredits, r."sentAt"
       from json_to_recordset(?::json) as r("messageId" text, "accountId" text, "listId" text, "campaignId" text,
         "holdId" text, "to" text, country text, segments int, rate bigint, millicredits bigint, "sentAt" timestamptz)
       on conflict (message_id) do nothing returning message_id`,
      // Nulls are left out of the JSON (missing keys read as null): a smaller parameter to parse.
      [jsonRows(charges.map((charge) => withoutNulls(charge)))],
    );
    return new Set(rows.map((row) => row.message_id));
  }
}

function withoutNulls(charge: NewCharge): Partial<NewCharge> {
  const compact: Partial<Record<keyof NewCharge, unknown>> = {};
  for (const [key, value] of Object.entries(charge) as [keyof NewCharge, unknown][]) {
    if (value !== null) {
      compact[key] = value;
    }
  }
  return compact as Partial<NewCharge>;
}
