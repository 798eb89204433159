import { depletionChanges, monitorCrossings } from './balance-crossings';

const monitor = (id: string, levelMillicredits: number, armed: boolean, accountId = 'acc') => ({
  id,
  accountId,
  levelMillicredits,
  armed,
});

describe(monitorCrossings.name, () => {
  it('fires an armed monitor once the balance falls below its level', () => {
    const crossings = monitorCrossings({
      monitors: [monitor('m1', 5_000, true)],
      balances: new Map([['acc', 4_999]]),
    });
    expect(crossings).toEqual([{ monitor: monitor('m1', 5_000, true), direction: 'low' }]);
  });

  it('does not fire again while the balance stays below a disarmed monitor', () => {
    expect(
      monitorCrossings({ monitors: [monitor('m1', 5_000, false)], balances: new Map([['acc', 100]]) }),
    ).toEqual([]);
  });

  it('re-arms a disarmed monitor when the balance is back at its level', () => {
    expect(
      monitorCrossings({ monitors: [monitor('m1', 5_000, false)], balances: new Map([['acc', 5_000]]) }),
    ).toEqual([{ monitor: monitor('m1', 5_000, false), direction: 'recovered' }]);
  });

  it('crosses only the levels between the old and the new balance', () => {
    const crossings = monitorCrossings({
      monitors: [monitor('high', 10_000, false), monitor('mid', 5_000, true), monitor('low', 1_000, true)],
      balances: new Map([['acc', 3_000]]),
    });
    expect(crossings.map((c) => [c.monitor.id, c.direction])).toEqual([['mid', 'low']]);
  });

  it('ignores monitors of accounts whose balance did not change', () => {
    expect(
      monitorCrossings({
        monitors: [monitor('other', 5_000, true, 'acc-2')],
        balances: new Map([['acc', 0]]),
      }),
    ).toEqual([]);
  });
});

describe(depletionChanges.name, () => {
  it('marks an account depleted once nothing is available, counting what holds reserve', () => {
    expect(
      depletionChanges([{ accountId: 'acc', balanceAfter: 1_000, heldAfter: 1_000, wasDepleted: false }]),
    ).toEqual([{ accountId: 'acc', depleted: true, available: 0, balance: 1_000 }]);
  });

  it('clears the flag when credits are available again, and leaves unchanged states alone', () => {
    expect(
      depletionChanges([
        { accountId: 'back', balanceAfter: 10, heldAfter: 0, wasDepleted: true },
        { accountId: 'still-empty', balanceAfter: -5, heldAfter: 0, wasDepleted: true },
        { accountId: 'still-fine', balanceAfter: 10, heldAfter: 0, wasDepleted: false },
      ]),
    ).toEqual([{ accountId: 'back', depleted: false, available: 10, balance: 10 }]);
  });
});
