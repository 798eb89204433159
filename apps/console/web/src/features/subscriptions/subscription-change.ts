export type Effective = 'now' | 'next_renewal';

export type ChangeOutcome =
  | { kind: 'unchanged' }
  | { kind: 'charged_now'; extraMillicredits: number }
  | { kind: 'from_renewal'; becauseDecrease: boolean };

// What a size change will do, as billing applies it: an increase "now" is charged and granted at once
// (the difference between the two sizes); a decrease cannot take back credits already granted, so it
// waits for the next renewal even when asked for now; "at renewal" always waits.
export function changeOutcome(input: {
  current: number;
  wanted: number;
  effective: Effective;
}): ChangeOutcome {
  if (input.wanted === input.current) {
    return { kind: 'unchanged' };
  }
  if (input.effective === 'now' && input.wanted > input.current) {
    return { kind: 'charged_now', extraMillicredits: input.wanted - input.current };
  }
  return { kind: 'from_renewal', becauseDecrease: input.effective === 'now' };
}
