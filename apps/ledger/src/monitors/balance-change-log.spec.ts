import { BalanceChangeLog } from './balance-change-log';

const account = (balanceMillicredits: number) => ({
  id: 'acc',
  homeCountry: 'IT',
  balanceMillicredits,
  heldMillicredits: 100,
  depleted: false,
});

describe(BalanceChangeLog.name, () => {
  it('keeps the balance before the first change and after the last one of the batch', () => {
    const log = new BalanceChangeLog();
    const tracked = account(1_000);
    log.record(tracked, 500);
    log.record(tracked, -2_000);
    expect(tracked.balanceMillicredits).toBe(-500);
    expect(log.balanceChanges()).toEqual([
      {
        accountId: 'acc',
        homeCountry: 'IT',
        balanceBefore: 1_000,
        balanceAfter: -500,
        heldAfter: 100,
        wasDepleted: false,
      },
    ]);
  });

  it('sums the deltas into one balance update per account', () => {
    const log = new BalanceChangeLog();
    const first = account(0);
    const second = { ...account(0), id: 'acc-2' };
    log.record(first, 300);
    log.record(second, 50);
    log.record(first, 200);
    expect(log.deltas()).toEqual([
      { accountId: 'acc', balance: 500, held: 0 },
      { accountId: 'acc-2', balance: 50, held: 0 },
    ]);
  });

  it('records nothing until a change is recorded', () => {
    const log = new BalanceChangeLog();
    expect(log.balanceChanges()).toEqual([]);
    expect(log.deltas()).toEqual([]);
  });
});
