import { disputeReversal, millicreditsFor, refundReversal } from './reversal-amounts';

const order = { credits: 10_000, amountMinor: 4500 };

describe(millicreditsFor.name, () => {
  it('converts part of the money to credits exactly, rounding down to the millicredit', () => {
    expect(millicreditsFor(order, 4500)).toBe(10_000_000);
    expect(millicreditsFor(order, 1000)).toBe(2_222_222);
  });

  it('stays exact on the largest orders', () => {
    expect(millicreditsFor({ credits: 1_000_000_000_000, amountMinor: 1e13 - 1 }, 1e13 - 2)).toBe(
      999_999_999_999_899,
    );
  });
});

describe(refundReversal.name, () => {
  it('adds partial refunds up to exactly the whole order', () => {
    const first = refundReversal({
      order,
      refundedBeforeMinor: 0,
      refundedTotalMinor: 1000,
      reversedSoFarMillicredits: 0,
    });
    const second = refundReversal({
      order,
      refundedBeforeMinor: 1000,
      refundedTotalMinor: 4500,
      reversedSoFarMillicredits: first,
    });
    expect(first + second).toBe(10_000_000);
  });

  it('never takes back more than is left on the order', () => {
    expect(
      refundReversal({
        order,
        refundedBeforeMinor: 0,
        refundedTotalMinor: 4500,
        reversedSoFarMillicredits: 10_000_000,
      }),
    ).toBe(0);
  });
});

describe(disputeReversal.name, () => {
  it('takes back the credits of the disputed amount', () => {
    expect(disputeReversal({ order, disputedMinor: 4500, reversedSoFarMillicredits: 0 })).toBe(10_000_000);
    expect(disputeReversal({ order, disputedMinor: 4500, reversedSoFarMillicredits: 4_000_000 })).toBe(
      6_000_000,
    );
  });
});
