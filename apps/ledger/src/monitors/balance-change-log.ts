import type { BalanceChange } from './balance-signals.service';

export interface TrackedAccount {
  id: string;
  homeCountry: string;
  balanceMillicredits: number;
  heldMillicredits: number;
  depleted: boolean;
}

// Collects what a batch does to each locked account's balance: the net delta to write with one update
// per account, and the before/after pair the balance signals judge crossings on (the balance before
// the batch's first change, after its last).
export class BalanceChangeLog {
  private readonly changes = new Map<string, BalanceChange>();
  private readonly totals = new Map<string, number>();

  // Moves the account's in-memory balance, so the next change of the same batch starts from it.
  record(account: TrackedAccount, delta: number): void {
    const before = this.changes.get(account.id)?.balanceBefore ?? account.balanceMillicredits;
    account.balanceMillicredits += delta;
    this.changes.set(account.id, {
      accountId: account.id,
      homeCountry: account.homeCountry,
      balanceBefore: before,
      balanceAfter: account.balanceMillicredits,
      heldAfter: account.heldMillicredits,
      wasDepleted: account.depleted,
    });
    this.totals.set(account.id, (this.totals.get(account.id) ?? 0) + delta);
  }

  balanceChanges(): BalanceChange[] {
    return [...this.changes.values()];
  }

  deltas(): { accountId: string; balance: number; held: number }[] {
    return [...this.totals].map(([accountId, balance]) => ({ accountId, balance, held: 0 }));
  }
}
