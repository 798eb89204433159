import { planAccountExpiry } from './expiry-plan';

describe(planAccountExpiry.name, () => {
  it('takes each lot from unassigned credits first, then from the lists in proportion', () => {
    const plan = planAccountExpiry({
      balance: 1_600,
      lots: [{ id: 'lot-1', remainingMillicredits: 1_000 }],
      listHoldings: { a: 300, b: 900 },
    });
    expect(plan.lots).toEqual([
      {
        lotId: 'lot-1',
        amount: 1_000,
        fromUnassigned: 400,
        fromLists: { a: 150, b: 450 },
        balanceAfter: 600,
      },
    ]);
    expect(plan.listTakes).toEqual({ a: 150, b: 450 });
    expect(plan.balanceAfter).toBe(600);
  });

  it('lets a later lot see what the earlier lots already took from the lists', () => {
    const plan = planAccountExpiry({
      balance: 1_000,
      lots: [
        { id: 'lot-1', remainingMillicredits: 600 },
        { id: 'lot-2', remainingMillicredits: 400 },
      ],
      listHoldings: { a: 500, b: 500 },
    });
    expect(plan.lots.map((lot) => lot.fromLists)).toEqual([
      { a: 300, b: 300 },
      { a: 200, b: 200 },
    ]);
    expect(plan.listTakes).toEqual({ a: 500, b: 500 });
    expect(plan.balanceAfter).toBe(0);
  });

  it('sums what a list gives over several lots into one amount per list', () => {
    const plan = planAccountExpiry({
      balance: 300,
      lots: [
        { id: 'lot-1', remainingMillicredits: 100 },
        { id: 'lot-2', remainingMillicredits: 100 },
      ],
      listHoldings: { a: 300 },
    });
    expect(plan.listTakes).toEqual({ a: 200 });
  });

  it('skips lots with nothing left and takes nothing from lists in deficit', () => {
    const plan = planAccountExpiry({
      balance: 100,
      lots: [
        { id: 'empty', remainingMillicredits: 0 },
        { id: 'lot-2', remainingMillicredits: 100 },
      ],
      listHoldings: { a: -50, b: 100 },
    });
    expect(plan.lots).toEqual([
      { lotId: 'lot-2', amount: 100, fromUnassigned: 0, fromLists: { b: 100 }, balanceAfter: 0 },
    ]);
  });
});
