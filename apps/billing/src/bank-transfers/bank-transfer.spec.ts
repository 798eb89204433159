import { applyTransfer, formatMinor } from './bank-transfer';

describe(applyTransfer.name, () => {
  it('leaves a short transfer underpaid with what is still due', () => {
    expect(applyTransfer({ dueMinor: 4500, receivedBeforeMinor: 0, amountMinor: 2000 })).toEqual({
      outcome: 'underpaid',
      receivedMinor: 2000,
      dueMinor: 4500,
      shortMinor: 2500,
      excessMinor: 0,
    });
  });

  it('pays the order when a later transfer completes the amount', () => {
    expect(applyTransfer({ dueMinor: 4500, receivedBeforeMinor: 2000, amountMinor: 2500 })).toMatchObject({
      outcome: 'paid',
      receivedMinor: 4500,
    });
  });

  it('pays the order and reports the excess of an overpayment', () => {
    expect(applyTransfer({ dueMinor: 4500, receivedBeforeMinor: 0, amountMinor: 5000 })).toMatchObject({
      outcome: 'overpaid',
      receivedMinor: 5000,
      excessMinor: 500,
    });
  });
});

describe(formatMinor.name, () => {
  it('writes minor units with two decimals and the currency', () => {
    expect(formatMinor(4500, 'EUR')).toBe('45.00 EUR');
    expect(formatMinor(5, 'USD')).toBe('0.05 USD');
  });
});
