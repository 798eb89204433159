import { changeOutcome } from './subscription-change';

describe(changeOutcome.name, () => {
  it('charges an increase asked for now at once, for the difference between the sizes', () => {
    expect(changeOutcome({ current: 50_000_000, wanted: 80_000_000, effective: 'now' })).toEqual({
      kind: 'charged_now',
      extraMillicredits: 30_000_000,
    });
  });

  it('moves a decrease asked for now to the next renewal, and says why', () => {
    expect(changeOutcome({ current: 50_000_000, wanted: 20_000_000, effective: 'now' })).toEqual({
      kind: 'from_renewal',
      becauseDecrease: true,
    });
  });

  it('waits for the renewal when asked to, and notices when nothing changes', () => {
    expect(changeOutcome({ current: 50_000_000, wanted: 80_000_000, effective: 'next_renewal' })).toEqual({
      kind: 'from_renewal',
      becauseDecrease: false,
    });
    expect(changeOutcome({ current: 50_000_000, wanted: 50_000_000, effective: 'now' })).toEqual({
      kind: 'unchanged',
    });
  });
});
