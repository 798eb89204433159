// A small seeded generator (mulberry32), so a campaign's messages can be reproduced in tests.
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function digits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) {
    out += String(Math.floor(random() * 10));
  }
  return out;
}
