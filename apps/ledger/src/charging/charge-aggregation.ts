import type { NewJournalEntry } from '../journal/journal.writer';
import type { ChargeGroup } from './charge.repository';

// What one batch's inserted charges add up to, so the transaction touches each account, hold and
// list once per batch however many messages it carries [PRODUCT: speed and scale].

export function sumBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  amount: (item: T) => number,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    sums.set(k, (sums.get(k) ?? 0) + amount(item));
  }
  return sums;
}

export function chargedPerAccount(groups: readonly ChargeGroup[]): { accountId: string; amount: number }[] {
  return [
    ...sumBy(
      groups,
      (g) => g.accountId,
      (g) => g.millicredits,
    ),
  ].map(([accountId, amount]) => ({
    accountId,
    amount,
  }));
}

// What each hold settles: messages sent under a hold are paid from what it reserved.
export function chargedPerHold(
  groups: readonly ChargeGroup[],
): { accountId: string; holdId: string; amount: number }[] {
  const sums = new Map<string, { accountId: string; holdId: string; amount: number }>();
  for (const group of groups) {
    if (group.holdId === null) {
      continue;
    }
    const key = `${group.accountId}\u0000${group.holdId}`;
    const sum = sums.get(key) ?? { accountId: group.accountId, holdId: group.holdId, amount: 0 };
    sum.amount += group.millicredits;
    sums.set(key, sum);
  }
  return [...sums.values()];
}

// Only accounts whose lists have allocations spend from them; in shared mode a list just labels usage.
export function chargedPerAllocatedList(input: {
  groups: readonly ChargeGroup[];
  allocatedAccounts: ReadonlySet<string>;
}): { accountId: string; listId: string; amount: number; spent: number }[] {
  const sums = new Map<string, { accountId: string; listId: string; amount: number; spent: number }>();
  for (const group of input.groups) {
    if (group.listId === null || !input.allocatedAccounts.has(group.accountId)) {
      continue;
    }
    const key = `${group.accountId}\u0000${group.listId}`;
    const sum = sums.get(key) ?? { accountId: group.accountId, listId: group.listId, amount: 0, spent: 0 };
    sum.amount += group.millicredits;
    sum.spent += group.millicredits;
    sums.set(key, sum);
  }
  return [...sums.values()];
}

// One journal entry per account, list and campaign per batch: the per-message detail is in the
// charge rows. An entry of a single message names it, so a lone charge can be traced directly.
export function chargeEntries(groups: readonly ChargeGroup[]): NewJournalEntry[] {
  const entries = new Map<string, { first: ChargeGroup; amount: number; messages: number }>();
  for (const group of groups) {
    const key = `${group.accountId}\u0000${group.listId ?? ''}\u0000${group.campaignId ?? ''}`;
    const entry = entries.get(key) ?? { first: group, amount: 0, messages: 0 };
    entry.amount += group.millicredits;
    entry.messages += group.messages;
    entries.set(key, entry);
  }
  return [...entries.values()].map(({ first, amount, messages }) => ({
    accountId: first.accountId,
    kind: 'sms_charge',
    amountMillicredits: -amount,
    listId: first.listId,
    campaignId: first.campaignId,
    reference: messages === 1 ? first.messageId : null,
    details: { messages },
    postings: [
      { ledgerAccount: 'balance', amountMillicredits: -amount },
      { ledgerAccount: 'usage', amountMillicredits: amount },
    ],
  }));
}

// Settling moves credits from the hold's reserve back out of `held`; the balance was charged already.
export function settleEntries(
  consumed: readonly { holdId: string; accountId: string; consumed: number }[],
): NewJournalEntry[] {
  return consumed.map((c) => ({
    accountId: c.accountId,
    kind: 'hold_settle',
    amountMillicredits: 0,
    reference: c.holdId,
    postings: [
      { ledgerAccount: 'held', amountMillicredits: -c.consumed },
      { ledgerAccount: 'hold_reserve', amountMillicredits: c.consumed },
    ],
  }));
}
