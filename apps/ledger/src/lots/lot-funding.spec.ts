import { deficitNettingEntries, fundNewLot } from './lot-funding';

describe(fundNewLot.name, () => {
  it('pays the deficit from the new credits first: balance −200 and 10,000 new leave 9,800', () => {
    expect(fundNewLot({ balanceBefore: -200_000, amount: 10_000_000 })).toEqual({
      nettedMillicredits: 200_000,
      remainingMillicredits: 9_800_000,
    });
  });

  it('funds the whole lot when the balance is not negative', () => {
    expect(fundNewLot({ balanceBefore: 0, amount: 5_000 })).toEqual({
      nettedMillicredits: 0,
      remainingMillicredits: 5_000,
    });
  });

  it('leaves an empty lot when the deficit is larger than the new credits', () => {
    expect(fundNewLot({ balanceBefore: -9_000, amount: 5_000 })).toEqual({
      nettedMillicredits: 5_000,
      remainingMillicredits: 0,
    });
  });
});

describe(deficitNettingEntries.name, () => {
  it('writes one balanced memo entry for the netted amount', () => {
    const [entry] = deficitNettingEntries({
      accountId: 'acc',
      reference: 'ord',
      lotId: 'lot',
      nettedMillicredits: 700,
    });
    expect(entry).toMatchObject({
      kind: 'deficit_netting',
      amountMillicredits: 0,
      details: { lotId: 'lot' },
    });
    expect(entry.postings.reduce((sum, p) => sum + p.amountMillicredits, 0)).toBe(0);
  });

  it('writes nothing when there was no deficit', () => {
    expect(
      deficitNettingEntries({ accountId: 'acc', reference: 'ord', lotId: 'lot', nettedMillicredits: 0 }),
    ).toEqual([]);
  });
});
