import { planLevels } from './level-plan';

describe(planLevels.name, () => {
  const existing = [
    { id: 'm1', levelMillicredits: 500_000, armed: false },
    { id: 'm2', levelMillicredits: 50_000, armed: true },
  ];

  it('keeps a level saved again with its id and state, so it is no new crossing', () => {
    expect(planLevels({ existing, levels: [500_000, 50_000], balanceMillicredits: 100_000 })).toEqual({
      removeIds: [],
      add: [],
    });
  });

  it('adds a level the balance is already below disarmed, and one above the balance armed', () => {
    expect(planLevels({ existing: [], levels: [500_000, 50_000], balanceMillicredits: 100_000 })).toEqual({
      removeIds: [],
      add: [
        { levelMillicredits: 500_000, armed: false },
        { levelMillicredits: 50_000, armed: true },
      ],
    });
  });

  it('removes the levels no longer wanted and duplicates of one level', () => {
    const twice = [...existing, { id: 'm3', levelMillicredits: 50_000, armed: true }];
    expect(planLevels({ existing: twice, levels: [50_000, 50_000], balanceMillicredits: 0 })).toEqual({
      removeIds: ['m1', 'm3'],
      add: [],
    });
  });

  it('counts a level equal to the balance as not crossed', () => {
    expect(planLevels({ existing: [], levels: [100_000], balanceMillicredits: 100_000 }).add).toEqual([
      { levelMillicredits: 100_000, armed: true },
    ]);
  });
});
