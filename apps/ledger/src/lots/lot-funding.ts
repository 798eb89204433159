import type { NewJournalEntry } from '../journal/journal.writer';

// Credits that arrive while the balance is negative pay the deficit first: balance −200 and 10,000 new
// credits leave 9,800 in the new lot [000]. The balance already carries the deficit, so only the lot
// is funded with less.
export function fundNewLot(input: { balanceBefore: number; amount: number }): {
  nettedMillicredits: number;
  remainingMillicredits: number;
} {
  const netted = Math.min(Math.max(0, -input.balanceBefore), input.amount);
  return { nettedMillicredits: netted, remainingMillicredits: input.amount - netted };
}

// Memo entry showing the new lot paying the deficit; none when there was no deficit to pay.
export function deficitNettingEntries(input: {
  accountId: string;
  reference: string;
  lotId: string;
  nettedMillicredits: number;
}): NewJournalEntry[] {
  const netted = input.nettedMillicredits;
  if (netted <= 0) {
    return [];
  }
  return [
    {
      accountId: input.accountId,
      kind: 'deficit_netting',
      amountMillicredits: 0,
      reference: input.reference,
      details: { lotId: input.lotId, nettedMillicredits: netted },
      postings: [
        { ledgerAccount: 'deficit', amountMillicredits: netted },
        { ledgerAccount: 'lot_funding', amountMillicredits: -netted },
      ],
    },
  ];
}
