import { balanceStatus } from './balance-status';

describe(balanceStatus.name, () => {
  const levels = [5_000_000, 1_000_000];

  it('is depleted at zero or below, whatever the levels', () => {
    expect(balanceStatus({ availableMillicredits: 0, levelsMillicredits: levels })).toBe('depleted');
    expect(balanceStatus({ availableMillicredits: -10, levelsMillicredits: [] })).toBe('depleted');
  });

  it('measures against the lowest level', () => {
    expect(balanceStatus({ availableMillicredits: 999_999, levelsMillicredits: levels })).toBe('low');
    expect(balanceStatus({ availableMillicredits: 1_000_000, levelsMillicredits: levels })).toBe('watch');
    expect(balanceStatus({ availableMillicredits: 1_999_999, levelsMillicredits: levels })).toBe('watch');
    expect(balanceStatus({ availableMillicredits: 2_000_000, levelsMillicredits: levels })).toBe('healthy');
  });

  it('is healthy with credits and no level to watch', () => {
    expect(balanceStatus({ availableMillicredits: 1, levelsMillicredits: [] })).toBe('healthy');
  });
});
