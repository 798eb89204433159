import { adjustmentEntry, adjustmentProblem } from './adjustment-entry';

describe(adjustmentProblem.name, () => {
  it('accepts goodwill that adds and corrections either way', () => {
    expect(
      adjustmentProblem({ kind: 'goodwill', amountMillicredits: 1, expiryDate: '2030-01-31' }),
    ).toBeNull();
    expect(adjustmentProblem({ kind: 'correction', amountMillicredits: -1, expiryDate: null })).toBeNull();
    expect(adjustmentProblem({ kind: 'correction', amountMillicredits: 5, expiryDate: null })).toBeNull();
  });

  it('refuses zero, negative goodwill and an expiry on credits taken away', () => {
    expect(adjustmentProblem({ kind: 'correction', amountMillicredits: 0, expiryDate: null })).toContain(
      'zero',
    );
    expect(adjustmentProblem({ kind: 'goodwill', amountMillicredits: -1, expiryDate: null })).toContain(
      'positive',
    );
    expect(
      adjustmentProblem({ kind: 'correction', amountMillicredits: -1, expiryDate: '2030-01-31' }),
    ).toContain('expiryDate');
  });
});

describe(adjustmentEntry.name, () => {
  const base = {
    adjustmentId: 'adj_1',
    accountId: 'acc_1',
    actor: 'ops',
    reason: 'why',
    lotId: null,
    expiryDate: null,
  };

  it('balances goodwill against the goodwill account', () => {
    expect(adjustmentEntry({ ...base, kind: 'goodwill', amountMillicredits: 500 }).postings).toEqual([
      { ledgerAccount: 'balance', amountMillicredits: 500 },
      { ledgerAccount: 'goodwill', amountMillicredits: -500 },
    ]);
  });

  it('journals a negative correction as its own kind with who and why', () => {
    expect(adjustmentEntry({ ...base, kind: 'correction', amountMillicredits: -300 })).toMatchObject({
      kind: 'correction',
      amountMillicredits: -300,
      reference: 'adj_1',
      details: { actor: 'ops', reason: 'why' },
      postings: [
        { ledgerAccount: 'balance', amountMillicredits: -300 },
        { ledgerAccount: 'adjustments', amountMillicredits: 300 },
      ],
    });
  });
});
