import { chargesNow } from './threshold-warning';

describe(chargesNow.name, () => {
  it('warns when the threshold is above the credits available now', () => {
    expect(chargesNow({ thresholdCredits: 5_000, availableMillicredits: 4_999_999, enabled: true })).toBe(
      true,
    );
  });

  it('does not warn at or below the available credits, or when switched off', () => {
    expect(chargesNow({ thresholdCredits: 5_000, availableMillicredits: 5_000_000, enabled: true })).toBe(
      false,
    );
    expect(chargesNow({ thresholdCredits: 5_000, availableMillicredits: 0, enabled: false })).toBe(false);
  });
});
