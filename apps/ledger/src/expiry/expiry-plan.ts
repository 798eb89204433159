import { splitExpiry } from './expiry-split';

export interface DueLot {
  id: string;
  remainingMillicredits: number;
}

export interface LotExpiry {
  lotId: string;
  amount: number;
  fromUnassigned: number;
  // Only the lists that give something.
  fromLists: Record<string, number>;
  balanceAfter: number;
}

export interface AccountExpiryPlan {
  lots: LotExpiry[];
  balanceAfter: number;
  // What each list gives up over all the account's lots, one amount per list.
  listTakes: Record<string, number>;
}

// Expires an account's due lots one after the other, in the order given. Each lot's credits leave the
// unassigned credits first and then the lists in proportion to what they still hold [002], so a list
// emptied by one lot gives nothing to the next. Lists in deficit hold nothing to take.
export function planAccountExpiry(input: {
  balance: number;
  lots: readonly DueLot[];
  listHoldings: Readonly<Record<string, number>>;
}): AccountExpiryPlan {
  const holdings = Object.fromEntries(
    Object.entries(input.listHoldings).map(([listId, held]) => [listId, Math.max(0, held)]),
  );
  const listTakes: Record<string, number> = {};
  const lots: LotExpiry[] = [];
  let balance = input.balance;
  for (const lot of input.lots) {
    const amount = lot.remainingMillicredits;
    if (amount <= 0) {
      continue;
    }
    const assigned = Object.values(holdings).reduce((sum, held) => sum + held, 0);
    const split = splitExpiry({ amount, unassigned: balance - assigned, lists: holdings });
    const fromLists = Object.fromEntries(Object.entries(split.fromLists).filter(([, taken]) => taken > 0));
    for (const [listId, taken] of Object.entries(fromLists)) {
      holdings[listId] -= taken;
      listTakes[listId] = (listTakes[listId] ?? 0) + taken;
    }
    balance -= amount;
    lots.push({
      lotId: lot.id,
      amount,
      fromUnassigned: split.fromUnassigned,
      fromLists,
      balanceAfter: balance,
    });
  }
  return { lots, balanceAfter: balance, listTakes };
}
