import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows } from '@sms/persistence';

// Ledger accounts a posting can hit. `balance` and `held` are the customer's own (cached on the
// account row); the others are the counter-accounts that say where credits came from or went.
export type LedgerAccount =
  | 'balance'
  | 'held'
  | 'grants'
  | 'usage'
  | 'expired'
  | 'hold_reserve'
  | 'deficit'
  | 'lot_funding'
  | 'adjustments'
  | 'reversals'
  | 'goodwill';

export type JournalKind =
  | 'grant'
  | 'deficit_netting'
  | 'sms_charge'
  | 'hold'
  | 'hold_settle'
  | 'hold_release'
  | 'expiry'
  | 'adjustment'
  | 'reversal'
  | 'reinstatement'
  | 'goodwill'
  | 'correction';

export interface NewJournalEntry {
  accountId: string;
  kind: JournalKind;
  // Effect on the customer's balance.
  amountMillicredits: number;
  reference?: string | null;
  listId?: string | null;
  campaignId?: string | null;
  details?: Record<string, unknown>;
  postings: { ledgerAccount: LedgerAccount; amountMillicredits: number }[];
}

export class UnbalancedEntryError extends Error {}

// Appends entries and their postings with two bulk inserts. Every entry is double-entry: its
// postings sum to zero.
@Injectable()
export class JournalWriter {
  async append(em: EntityManager, entries: readonly NewJournalEntry[]): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    const entryRows: object[] = [];
    const postingRows: object[] = [];
    for (const entry of entries) {
      const sum = entry.postings.reduce((total, posting) => total + posting.amountMillicredits, 0);
      if (sum !== 0) {
        throw new UnbalancedEntryError(
          `Journal entry ${entry.kind} for ${entry.accountId} does not balance: ${sum}`,
        );
      }
      const id = randomUUID();
      entryRows.push({
        id,
        accountId: entry.accountId,
        kind: entry.kind,
        amount: entry.amountMillicredits,
        reference: entry.reference ?? null,
        listId: entry.listId ?? null,
        campaignId: entry.campaignId ?? null,
        details: entry.details ?? {},
      });
      for (const posting of entry.postings) {
        postingRows.push({
          entryId: id,
          accountId: entry.accountId,
          ledgerAccount: posting.ledgerAccount,
          amount: posting.amountMillicredits,
        });
      }
    }
    await em.execute(
      `insert into ledger.journal_entry (id, account_id, kind, amount_millicredits, reference, list_id, campaign_id, details)
       select r.id, r."accountId", r.kind, r.amount, r.reference, r."listId", r."campaignId", r.details
       from jsonb_to_recordset(?::jsonb) as r(id uuid, "accountId" text, kind text, amount bigint, reference text,
         "listId" text, "campaignId" text, details jsonb)`,
      [jsonRows(entryRows)],
    );
    await em.execute(
      `insert into ledger.journal_posting (entry_id, account_id, ledger_account, amount_millicredits)
       select r."entryId", r."accountId", r."ledgerAccount", r.amount
       from jsonb_to_recordset(?::jsonb) as r("entryId" uuid, "accountId" text, "ledgerAccount" text, amount bigint)`,
      [jsonRows(postingRows)],
    );
  }
}
