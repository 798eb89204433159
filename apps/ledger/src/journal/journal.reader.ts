import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_PAGE_SIZE, decodeCursor, type Page, toPage } from '@sms/runtime';

export interface JournalQuery {
  accountId: string;
  from?: string;
  to?: string;
  listId?: string;
  campaignId?: string;
  cursor?: string;
  limit?: number;
}

export interface JournalEntryRow {
  id: string;
  seq: number;
  kind: string;
  amountMillicredits: number;
  reference: string | null;
  listId: string | null;
  campaignId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
  postings: { ledgerAccount: string; amountMillicredits: number }[];
}

export interface BalanceDifference {
  accountId: string;
  cachedBalanceMillicredits: number;
  journalBalanceMillicredits: number;
  cachedHeldMillicredits: number;
  journalHeldMillicredits: number;
  // What the unexpired lots still hold; equals the balance when it is positive, zero in deficit.
  lotsMillicredits: number;
}

@Injectable()
export class JournalReader {
  // Newest first, keyset-paged on seq (unique, increasing): an index seek per page, no count of the
  // account's whole history.
  async page(em: EntityManager, query: JournalQuery): Promise<Page<JournalEntryRow>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = query.cursor === undefined ? null : (decodeCursor(query.cursor, ['number'])[0] as number);
    const { where, params } = filters(query, 'created_at');
    const rows = await em.execute<JournalEntryRow[]>(
      `select e.id, e.seq::bigint as seq, e.kind, e.amount_millicredits::bigint as "amountMillicredits", e.reference,
         e.list_id as "listId", e.campaign_id as "campaignId", e.details, e.created_at as "createdAt",
         (select json_agg(json_build_object('ledgerAccount', p.ledger_account, 'amountMillicredits', p.amount_millicredits))
            from ledger.journal_posting p where p.entry_id = e.id) as postings
       from ledger.journal_entry e where ${where.replaceAll('account_id', 'e.account_id')}
         and (?::bigint is null or e.seq < ?::bigint)
       order by e.seq desc limit ?`,
      [...params, before, before, limit + 1],
    );
    return toPage(rows, limit, (row) => [row.seq]);
  }

  // Recomputes every cached balance from the journal and returns the accounts that disagree (also when
  // the lots no longer add up to the balance).
  async check(em: EntityManager): Promise<{ accountsChecked: number; differences: BalanceDifference[] }> {
    const rows = await em.execute<(BalanceDifference & { matches: boolean })[]>(
      `with sums as (
         select account_id,
           coalesce(sum(amount_millicredits) filter (where ledger_account = 'balance'), 0) as balance,
           coalesce(sum(amount_millicredits) filter (where ledger_account = 'held'), 0) as held
         from ledger.journal_posting group by account_id
       ),
       lots as (
         select account_id, sum(remaining_millicredits) as remaining
         from ledger.credit_lot where expired_at is null group by account_id
       )
       select a.id as "accountId", a.balance_millicredits::bigint as "cachedBalanceMillicredits",
         coalesce(s.balance, 0)::bigint as "journalBalanceMillicredits",
         a.held_millicredits::bigint as "cachedHeldMillicredits", coalesce(s.held, 0)::bigint as "journalHeldMillicredits",
         coalesce(l.remaining, 0)::bigint as "lotsMillicredits",
         (a.balance_millicredits = coalesce(s.balance, 0) and a.held_millicredits = coalesce(s.held, 0)
           and coalesce(l.remaining, 0) = greatest(a.balance_millicredits, 0)) as matches
       from ledger.account a left join sums s on s.account_id = a.id left join lots l on l.account_id = a.id
       order by a.id`,
    );
    return {
      accountsChecked: rows.length,
      differences: rows
        .filter((row) => !row.matches)
        .map(({ matches: _matches, ...difference }) => difference),
    };
  }
}

export function filters(
  query: { accountId: string; from?: string; to?: string; listId?: string; campaignId?: string },
  timeColumn: string,
): { where: string; params: string[] } {
  const clauses = ['account_id = ?'];
  const params = [query.accountId];
  if (query.from !== undefined) {
    clauses.push(`${timeColumn} >= ?`);
    params.push(query.from);
  }
  if (query.to !== undefined) {
    clauses.push(`${timeColumn} < ?`);
    params.push(query.to);
  }
  if (query.listId !== undefined) {
    clauses.push('list_id = ?');
    params.push(query.listId);
  }
  if (query.campaignId !== undefined) {
    clauses.push('campaign_id = ?');
    params.push(query.campaignId);
  }
  return { where: clauses.join(' and '), params };
}
