// How much of a requested hold the account can reserve: never more than was asked, never taking the
// available credits (balance minus what other holds reserve) below −overdraft, and on an allocated
// list never past what the list still has free [002]. Never negative: a hold that gets nothing is
// still recorded, so the gateway sees why it may not send.
export function grantableHold(input: {
  requestedMillicredits: number;
  balanceMillicredits: number;
  heldMillicredits: number;
  overdraftMillicredits: number;
  // Omitted when the hold is not limited by a list.
  listFreeMillicredits?: number;
}): number {
  const available = input.balanceMillicredits - input.heldMillicredits;
  const byAccount = Math.min(input.requestedMillicredits, available + input.overdraftMillicredits);
  const grantable =
    input.listFreeMillicredits === undefined ? byAccount : Math.min(byAccount, input.listFreeMillicredits);
  return Math.max(0, grantable);
}
