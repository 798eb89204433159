// Which keys the JWKS publishes: the signing key first (oidc-provider signs with the first key of an
// algorithm), then every retired key whose tokens may still be valid. A token signed just before a
// rotation lives at most `longestTokenSeconds`; the margin covers clocks that disagree.
export interface KeyRecord {
  kid: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export const CLOCK_SKEW_MARGIN_SECONDS = 120;

export function keysToPublish<K extends KeyRecord>(
  keys: readonly K[],
  options: { now: Date; longestTokenSeconds: number },
): K[] {
  const keepRetiredUntil = (key: K): number =>
    (key.retiredAt?.getTime() ?? Infinity) + (options.longestTokenSeconds + CLOCK_SKEW_MARGIN_SECONDS) * 1000;
  const active = keys
    .filter((key) => key.retiredAt === null)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const retired = keys
    .filter((key) => key.retiredAt !== null && keepRetiredUntil(key) > options.now.getTime())
    .sort((a, b) => (b.retiredAt?.getTime() ?? 0) - (a.retiredAt?.getTime() ?? 0));
  return [...active, ...retired];
}
