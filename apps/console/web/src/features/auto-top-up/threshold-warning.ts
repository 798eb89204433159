// Saving a threshold at or above what is available now means the very next balance check charges
// the card: the person is told before saving, not after.
export function chargesNow(input: {
  thresholdCredits: number;
  availableMillicredits: number;
  enabled: boolean;
}): boolean {
  return input.enabled && input.thresholdCredits * 1000 > input.availableMillicredits;
}
