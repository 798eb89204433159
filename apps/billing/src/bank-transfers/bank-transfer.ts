export type TransferOutcome = 'underpaid' | 'paid' | 'overpaid';

export interface TransferResult {
  outcome: TransferOutcome;
  receivedMinor: number;
  dueMinor: number;
  // Still to pay (underpaid) or paid beyond the amount due (overpaid); 0 otherwise.
  shortMinor: number;
  excessMinor: number;
}

// What one more transfer does to a bank-transfer order. The order is paid once the total received
// covers the amount due; short of it the order keeps waiting as underpaid. Money beyond the amount
// due does not buy extra credits (the customer chose an amount and its tier price): it is shown as
// overpaid for an operator to return.
export function applyTransfer(input: {
  dueMinor: number;
  receivedBeforeMinor: number;
  amountMinor: number;
}): TransferResult {
  const receivedMinor = input.receivedBeforeMinor + input.amountMinor;
  const base = { receivedMinor, dueMinor: input.dueMinor, shortMinor: 0, excessMinor: 0 };
  if (receivedMinor < input.dueMinor) {
    return { ...base, outcome: 'underpaid', shortMinor: input.dueMinor - receivedMinor };
  }
  if (receivedMinor > input.dueMinor) {
    return { ...base, outcome: 'overpaid', excessMinor: receivedMinor - input.dueMinor };
  }
  return { ...base, outcome: 'paid' };
}

// Minor units as people read them on a bank statement: 4500 EUR → "45.00 EUR".
export function formatMinor(amountMinor: number, currency: string): string {
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}
