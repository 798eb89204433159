// Time as identity sees it: expiries of invitations, reset links and sign-in locks.
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
