export interface ExpirySplit {
  fromUnassigned: number;
  fromLists: Record<string, number>;
}

// Expired credits leave the unassigned credits first; what is left comes out of the lists in
// proportion to what each holds [002]. Largest-remainder rounding keeps the parts whole millicredits
// that add up exactly to the amount.
export function splitExpiry(options: {
  amount: number;
  unassigned: number;
  lists: Record<string, number>;
}): ExpirySplit {
  const fromUnassigned = Math.min(options.amount, Math.max(0, options.unassigned));
  const rest = options.amount - fromUnassigned;
  const holders = Object.entries(options.lists).filter(([, held]) => held > 0);
  const total = holders.reduce((sum, [, held]) => sum + held, 0);
  const fromLists: Record<string, number> = {};
  if (rest <= 0 || total <= 0) {
    return { fromUnassigned, fromLists };
  }
  const take = Math.min(rest, total);
  const shares = holders.map(([listId, held]) => {
    // BigInt keeps the product exact beyond 2^53.
    const exact = BigInt(take) * BigInt(held);
    return { listId, whole: Number(exact / BigInt(total)), remainder: exact % BigInt(total) };
  });
  let leftover = take - shares.reduce((sum, share) => sum + share.whole, 0);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.listId.localeCompare(b.listId) : a.remainder > b.remainder ? -1 : 1,
  );
  for (const share of byRemainder) {
    if (leftover === 0) {
      break;
    }
    share.whole += 1;
    leftover -= 1;
  }
  for (const share of shares) {
    fromLists[share.listId] = share.whole;
  }
  return { fromUnassigned, fromLists };
}
